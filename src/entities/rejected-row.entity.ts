import { Field, Int, ObjectType } from 'type-graphql';
import { Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { IntColumn, TextColumn } from './columns';
import { IngestRun } from './ingest-run.entity';

@ObjectType({ description: 'A source row an ingest run rejected, with its line and the reason.' })
@Entity('rejected_row')
export class RejectedRow {
  @PrimaryGeneratedColumn()
  id!: number;

  @Index()
  @IntColumn()
  runId!: number;

  @ManyToOne(() => IngestRun, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'run_id' })
  run?: IngestRun;

  @Field(() => Int, { description: 'Line number in the source file (1 is the header).' })
  @IntColumn()
  line!: number;

  @Field({ description: 'Why the row was rejected: the field and what was expected, never what the row held.' })
  @TextColumn()
  reason!: string;

  @Field({
    description:
      'The line as read, for a key of the organisation that owns the measures of its dataset (and may see all their figures); empty for everyone else.',
  })
  @TextColumn()
  raw!: string;
}
