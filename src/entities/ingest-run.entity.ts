import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { RunStatus } from '../domain/enums';
import { EnumColumn, IntColumn, KeyColumn, NameColumn, TextColumn, TimestampColumn } from './columns';
import { Dataset } from './dataset.entity';

@ObjectType({ description: 'One run of an ingest job.' })
@Entity('ingest_run')
export class IngestRun {
  @Field(() => ID)
  @PrimaryGeneratedColumn()
  id!: number;

  @Index()
  @KeyColumn()
  datasetId!: string;

  @ManyToOne(() => Dataset, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'dataset_id' })
  dataset?: Dataset;

  @Field(() => RunStatus)
  @EnumColumn()
  status!: RunStatus;

  @Field({
    description:
      "What started the run: schedule, command, start-up, or a submission or withdrawal by an organisation (naming the key's prefix to that organisation only).",
  })
  @NameColumn()
  trigger!: string;

  @Field(() => String, { nullable: true, description: 'The source read, as published: a file name or a URL.' })
  @TextColumn(true)
  source!: string | null;

  @Field()
  @Index()
  @TimestampColumn()
  startedAt!: Date;

  @Field(() => Date, { nullable: true })
  @TimestampColumn(true)
  finishedAt!: Date | null;

  @Field(() => Int)
  @IntColumn()
  rowsRead!: number;

  @Field(() => Int)
  @IntColumn()
  rowsWritten!: number;

  @Field(() => Int)
  @IntColumn()
  rowsRejected!: number;

  @Field(() => String, {
    nullable: true,
    description: "Why the run failed, in the hub's own words: never a quote of what it read, nor a path on the server.",
  })
  @TextColumn(true)
  error!: string | null;

  @Field(() => [String], {
    description:
      "What the run says about what it wrote and did not, in the hub's words: a national total left out for want of a force's file, crimes of a force with no area of their own.",
  })
  @Column({
    type: 'simple-json',
    nullable: true,
    transformer: { to: (v: string[] | null) => (v && v.length ? v : null), from: (v: string[] | null) => v ?? [] },
  })
  notes!: string[];

  /**
   * The failure's whole text, for the hub's operators only (no field serves it): it may quote
   * the source. The log's `run failed` line says the same.
   */
  @TextColumn(true)
  errorDetail!: string | null;

  @Field({
    description:
      'Whether the run was forced: a delivery the whole-source guard would refuse as suspect (areas missing, or figures moved too far) was loaded anyway.',
  })
  @Column({ type: 'boolean', default: false })
  forced!: boolean;
}
