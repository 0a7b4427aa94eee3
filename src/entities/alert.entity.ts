import { Field, Float, ID, ObjectType } from 'type-graphql';
import { Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { AlertState } from '../domain/enums';
import {
  EnumColumn,
  EnumColumnWithDefault,
  IntColumn,
  TextColumn,
  KeyColumn,
  NumberColumn,
  PeriodColumn,
  TimestampColumn,
} from './columns';
import { IngestRun } from './ingest-run.entity';
import { Measure } from './measure.entity';
import { Partnership } from './partnership.entity';
import { Priority } from './priority.entity';

/**
 * A special-cause signal on a measure a partnership's priority links to, recorded once: the
 * same rule and direction starting at the same period is the same signal, however often the
 * series is charted again.
 */
@ObjectType({
  description:
    'A special-cause SPC signal on a measure linked to a priority, recorded once, after the ingest that revealed it.',
})
@Entity('alert')
@Unique('uq_alert_signal', ['partnershipSlug', 'priorityId', 'measureCode', 'rule', 'direction', 'firstPeriod'])
@Index('ix_alert_partnership_detected', ['partnershipSlug', 'detectedAt'])
export class Alert {
  @Field(() => ID)
  @PrimaryGeneratedColumn()
  id!: number;

  @KeyColumn()
  partnershipSlug!: string;

  @ManyToOne(() => Partnership, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'partnership_slug' })
  partnership?: Partnership;

  @KeyColumn()
  priorityId!: string;

  @ManyToOne(() => Priority, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'priority_id' })
  priority?: Priority;

  @KeyColumn()
  measureCode!: string;

  @ManyToOne(() => Measure, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'measure_code' })
  measure?: Measure;

  @Field({
    description: 'The partnership\'s area the series is for: its district, or "partnership" when it sums several.',
  })
  @KeyColumn()
  area!: string;

  @Field({ description: 'OUTSIDE_LIMITS, TREND, RUN, ALTERNATING or CLOSE_TO_LIMIT.' })
  @EnumColumn()
  rule!: string;

  @Field({ description: 'HIGH, LOW, or NONE for alternation.' })
  @EnumColumn()
  direction!: string;

  @Field({ description: 'IMPROVEMENT, CONCERN or NO_JUDGEMENT, by the polarity that applies.' })
  @EnumColumn()
  variation!: string;

  @Field({ description: 'The first period the signal flags.' })
  @PeriodColumn()
  firstPeriod!: string;

  @Field({ description: 'The last period it flagged when detected.' })
  @PeriodColumn()
  period!: string;

  @Field(() => Float, { nullable: true, description: 'The value at `period`.' })
  @NumberColumn(true)
  value!: number | null;

  @Field()
  @TimestampColumn()
  detectedAt!: Date;

  @IntColumn(true)
  ingestRunId!: number | null;

  @ManyToOne(() => IngestRun, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'ingest_run_id' })
  ingestRun?: IngestRun;

  @Field(() => AlertState)
  @EnumColumnWithDefault(AlertState.ACTIVE)
  state!: AlertState;

  @Field(() => Date, { nullable: true, description: 'When a change of figures removed the signal.' })
  @TimestampColumn(true)
  retractedAt!: Date | null;

  @Field(() => String, { nullable: true, description: 'Why the alert was retracted.' })
  @TextColumn(true)
  retractionReason!: string | null;
}
