import { Field, Float, ID, ObjectType } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { TrendDirection } from '../domain/enums';
import {
  EnumColumn,
  IntColumn,
  IsoDateColumn,
  KeyColumn,
  KeyPrimaryColumn,
  NameColumn,
  NumberColumn,
  TextColumn,
} from './columns';
import { Measure } from './measure.entity';
import { Plan } from './plan.entity';
import { SourceDocument } from './source-document.entity';

/**
 * A change a plan states over a period of its own ("since ... the end of 2004", "over the past
 * 10 years"): held over that period, never folded into one year's figure.
 */
@ObjectType({ description: 'A trend a plan states, over the period it covers (which need not be one year).' })
@Entity('trend_statement')
export class TrendStatement {
  @Field(() => ID)
  @KeyPrimaryColumn()
  id!: string;

  @Index()
  @KeyColumn()
  planId!: string;

  @ManyToOne(() => Plan, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'plan_id' })
  plan?: Plan;

  @Field({ description: "What changed, in the plan's words." })
  @NameColumn()
  subject!: string;

  @Field({ description: 'The sentence stating the trend.' })
  @TextColumn()
  statement!: string;

  @Field(() => TrendDirection)
  @EnumColumn()
  direction!: TrendDirection;

  @Field(() => Float, { nullable: true, description: 'The size of the change in per cent, when the plan gives one.' })
  @NumberColumn(true)
  value!: number | null;

  @KeyColumn(true)
  measureCode!: string | null;

  @ManyToOne(() => Measure, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'measure_code' })
  measure?: Measure;

  @Field(() => String, { nullable: true, description: 'The area it is about (a GSS code), if known.' })
  @Column({ type: 'varchar', length: 12, nullable: true })
  areaCode!: string | null;

  @Field({ description: 'First day of the period the trend covers, ISO date.' })
  @IsoDateColumn()
  periodStart!: string;

  @Field({ description: 'Last day of the period the trend covers, ISO date.' })
  @IsoDateColumn()
  periodEnd!: string;

  @IntColumn()
  position!: number;

  @Field()
  @KeyColumn()
  sourceDocument!: string;

  @ManyToOne(() => SourceDocument)
  @JoinColumn({ name: 'source_document' })
  document?: SourceDocument;
}
