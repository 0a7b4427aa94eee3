import { Entity, PrimaryColumn } from 'typeorm';
import { NameColumn, TimestampColumn } from './columns';

/** A lease on a job, so two schedulers sharing a store never run the same job at once. */
@Entity('job_lock')
export class JobLock {
  @PrimaryColumn({ type: 'varchar', length: 120 })
  jobId!: string;

  /** host:pid:token of the holder. */
  @NameColumn()
  owner!: string;

  @TimestampColumn()
  acquiredAt!: Date;

  @TimestampColumn()
  expiresAt!: Date;
}
