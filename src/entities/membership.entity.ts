import { Field, ID, ObjectType } from 'type-graphql';
import { Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { IntColumn, KeyColumn, KeyPrimaryColumn, NameColumn } from './columns';
import { GovernanceGroup } from './governance-group.entity';
import { Organisation } from './organisation.entity';
import { Partnership } from './partnership.entity';
import { SourceDocument } from './source-document.entity';

@ObjectType({ description: "An organisation's place in a partnership or in one of its groups, with its role." })
@Entity('membership')
export class Membership {
  @Field(() => ID)
  @KeyPrimaryColumn()
  id!: string;

  @Index()
  @KeyColumn()
  partnershipSlug!: string;

  @ManyToOne(() => Partnership, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'partnership_slug' })
  partnership?: Partnership;

  @Index()
  @KeyColumn(true)
  groupId!: string | null;

  @ManyToOne(() => GovernanceGroup, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'group_id' })
  group?: GovernanceGroup;

  @Index()
  @KeyColumn()
  organisationId!: string;

  @ManyToOne(() => Organisation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: Organisation;

  @Field()
  @NameColumn()
  role!: string;

  @Field(() => String, {
    nullable: true,
    description: 'How the document names the organisation when not by its name (e.g. "fire service").',
  })
  @NameColumn(true)
  statedAs!: string | null;

  @IntColumn()
  position!: number;

  @Field()
  @KeyColumn()
  sourceDocument!: string;

  @ManyToOne(() => SourceDocument)
  @JoinColumn({ name: 'source_document' })
  document?: SourceDocument;
}
