import { Field, ID, ObjectType } from 'type-graphql';
import { Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { PlanStatus } from '../domain/enums';
import { EnumColumn, IsoDateColumn, KeyColumn, KeyPrimaryColumn, NameColumn, TextColumn } from './columns';
import { Partnership } from './partnership.entity';
import { SourceDocument } from './source-document.entity';

@ObjectType({ description: 'A partnership plan: priorities, objectives, measures and actions for a period.' })
@Entity('plan')
export class Plan {
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
  title!: string;

  @Field({ description: 'First day of the plan period, ISO date.' })
  @IsoDateColumn()
  periodStart!: string;

  @Field({ description: 'Last day of the plan period, ISO date.' })
  @IsoDateColumn()
  periodEnd!: string;

  @Field(() => PlanStatus)
  @EnumColumn()
  status!: PlanStatus;

  @Field(() => String, { nullable: true })
  @TextColumn(true)
  summary!: string | null;

  @Field(() => String, { nullable: true })
  @TextColumn(true)
  notes!: string | null;

  @Field({ description: 'The document the plan was transcribed from (its file name).' })
  @KeyColumn()
  sourceDocument!: string;

  @ManyToOne(() => SourceDocument)
  @JoinColumn({ name: 'source_document' })
  document?: SourceDocument;
}
