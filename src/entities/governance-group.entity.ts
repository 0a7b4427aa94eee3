import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { GroupType } from '../domain/enums';
import { EnumColumn, KeyColumn, KeyPrimaryColumn, NameColumn, TextColumn } from './columns';
import { Partnership } from './partnership.entity';
import { SourceDocument } from './source-document.entity';

@ObjectType({ description: 'A board, action group, steering group or committee of a partnership.' })
@Entity('governance_group')
export class GovernanceGroup {
  @Field(() => ID)
  @KeyPrimaryColumn()
  id!: string;

  @Index()
  @KeyColumn()
  partnershipSlug!: string;

  @ManyToOne(() => Partnership, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'partnership_slug' })
  partnership?: Partnership;

  @Field()
  @NameColumn()
  name!: string;

  @Field(() => GroupType)
  @EnumColumn()
  type!: GroupType;

  @Field(() => String, { nullable: true })
  @NameColumn(true)
  chair!: string | null;

  @Field(() => String, { nullable: true })
  @TextColumn(true)
  purpose!: string | null;

  @KeyColumn(true)
  parentId!: string | null;

  @ManyToOne(() => GovernanceGroup, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'parent_id' })
  parent?: GovernanceGroup;

  @KeyColumn(true)
  alongsideId!: string | null;

  @ManyToOne(() => GovernanceGroup, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'alongside_id' })
  alongside?: GovernanceGroup;

  @Field(() => [String], {
    description: "Places the group covers, as the document names them (a policing team's wards).",
  })
  @Column({ type: 'simple-array', default: '' })
  places!: string[];

  @Field()
  @KeyColumn()
  sourceDocument!: string;

  @ManyToOne(() => SourceDocument)
  @JoinColumn({ name: 'source_document' })
  document?: SourceDocument;
}
