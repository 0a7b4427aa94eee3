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

  @Field()
  @TextColumn()
  reason!: string;

  @Field({ description: 'The raw line as read.' })
  @TextColumn()
  raw!: string;
}
