import { Field, Float, ID, ObjectType } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { Frequency } from '../domain/enums';
import {
  BoolColumn,
  EnumColumn,
  IntColumn,
  IsoDateColumn,
  KeyColumn,
  NumberColumn,
  PeriodColumn,
  TextColumn,
  TimestampColumn,
  AreaCodeColumn,
  KEY_LENGTH,
} from './columns';
import { Area } from './area.entity';
import { Dataset } from './dataset.entity';
import { IngestRun } from './ingest-run.entity';
import { Measure } from './measure.entity';

/** measure x area x period -> value, with where it came from. Changes keep a revision. */
@ObjectType({ description: 'A figure: a measure for an area and period, with its provenance.' })
@Entity('observation')
@Unique('uq_observation_measure_area_period', ['measureCode', 'areaCode', 'period'])
@Index('ix_observation_area_measure_start', ['areaCode', 'measureCode', 'periodStart'])
export class Observation {
  @Field(() => ID)
  @PrimaryGeneratedColumn()
  id!: number;

  @KeyColumn()
  measureCode!: string;

  @ManyToOne(() => Measure, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'measure_code' })
  measure?: Measure;

  @AreaCodeColumn()
  areaCode!: string;

  @ManyToOne(() => Area, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'area_code' })
  area?: Area;

  @Field({ description: 'Period string: 2022-02, 2022-Q1, 2021/22 or 2022.' })
  @PeriodColumn()
  period!: string;

  @Field(() => Frequency)
  @EnumColumn()
  frequency!: Frequency;

  @Field({ description: 'First day of the period, ISO date.' })
  @IsoDateColumn()
  periodStart!: string;

  @Field({ description: 'Last day of the period, ISO date.' })
  @IsoDateColumn()
  periodEnd!: string;

  @Field(() => Float, { nullable: true, description: 'Null when the source suppressed the value.' })
  @NumberColumn(true)
  value!: number | null;

  @Field(() => Float, { nullable: true })
  @NumberColumn(true)
  numerator!: number | null;

  @Field(() => Float, { nullable: true })
  @NumberColumn(true)
  denominator!: number | null;

  @Field(() => Float, { nullable: true, description: 'Lower 95% confidence limit, where published.' })
  @NumberColumn(true)
  lowerCi!: number | null;

  @Field(() => Float, { nullable: true, description: 'Upper 95% confidence limit, where published.' })
  @NumberColumn(true)
  upperCi!: number | null;

  @Field({ description: 'True when the source suppressed the value (for example a count under 5).' })
  @BoolColumn()
  suppressed!: boolean;

  @Field(() => String, { nullable: true })
  @TextColumn(true)
  note!: string | null;

  @Index()
  @KeyColumn()
  datasetId!: string;

  @ManyToOne(() => Dataset, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'dataset_id' })
  dataset?: Dataset;

  @IntColumn(true)
  ingestRunId!: number | null;

  @ManyToOne(() => IngestRun, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'ingest_run_id' })
  ingestRun?: IngestRun;

  @KeyColumn(true)
  sourceDocument!: string | null;

  @TextColumn(true)
  sourceUrl!: string | null;

  @TimestampColumn()
  retrievedAt!: Date;

  @TimestampColumn()
  updatedAt!: Date;

  // Which door the shown value came in by: a connector's dataset ("police-street"), a partner's
  // submission ("submission:<organisation>") or the plans' quoted figures ("documents"). Two
  // sources of one figure are told apart by it (see src/ingest/precedence.ts).
  @Field({
    description:
      'The source of the shown value: the dataset a connector feeds (e.g. police-street), "submission:<organisation>" for a partner\'s submission, or "documents" for a figure quoted in a plan.',
  })
  @Column({ type: 'varchar', length: KEY_LENGTH, default: '' })
  sourceKey!: string;

  // Served through ObservationResolver.conflict, which hides it where the figure is suppressed.
  @Column({ type: 'boolean', default: false })
  conflict!: boolean;

  // Set when the submitting organisation withdrew the figure and no other source has a value
  // for it: the row stays so its revisions keep their history, but no reader serves it.
  @TimestampColumn(true)
  withdrawnAt!: Date | null;
}
