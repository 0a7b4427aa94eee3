import { Field, ID, ObjectType } from 'type-graphql';
import { Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { IsoDateColumn, KeyColumn, KeyPrimaryColumn, NameColumn } from './columns';
import { GovernanceGroup } from './governance-group.entity';
import { Partnership } from './partnership.entity';
import { SourceDocument } from './source-document.entity';

@ObjectType({ description: "A meeting's report or minutes, with what each partner reported." })
@Entity('meeting_report')
export class MeetingReport {
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

  @ManyToOne(() => GovernanceGroup, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'group_id' })
  group?: GovernanceGroup;

  @Field()
  @NameColumn()
  title!: string;

  @Field(() => String, { nullable: true, description: 'The period the report covers, e.g. 2020/21.' })
  @NameColumn(true)
  period!: string | null;

  @Field(() => String, { nullable: true, description: 'ISO date of the meeting, when the document gives it.' })
  @IsoDateColumn(true)
  date!: string | null;

  @Field()
  @KeyColumn()
  sourceDocument!: string;

  @ManyToOne(() => SourceDocument)
  @JoinColumn({ name: 'source_document' })
  document?: SourceDocument;
}
