import { Entity, PrimaryGeneratedColumn } from 'typeorm';
import { IntColumn, KeyColumn, TimestampColumn } from './columns';

/**
 * A measure whose figures changed in a committed write and whose aftermath (alerts, stored
 * scorecard summaries) has not finished yet. Written in the same transaction as the figures and
 * deleted when the aftermath is done, so one a crash interrupted is found and done again.
 */
@Entity('pending_aftermath')
export class PendingAftermath {
  @PrimaryGeneratedColumn()
  id!: number;

  @KeyColumn()
  measureCode!: string;

  /** The run that changed them; null for the reference data's quoted figures. */
  @IntColumn(true)
  ingestRunId!: number | null;

  @TimestampColumn()
  markedAt!: Date;
}
