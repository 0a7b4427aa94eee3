import { Entity, PrimaryColumn } from 'typeorm';
import { EnumColumn, IntColumn, KEY_LENGTH, NumberColumn, TextColumn, TimestampColumn } from './columns';

/**
 * A measure as a partnership's scorecard shows it (latest figure, a year earlier, change, SPC
 * variation), worked out when its figures or the reference data change, so a scorecard reads
 * one row per measure instead of charting every series on every request. FULL is what members
 * see; PUBLIC what everyone else sees of a SUPPRESSED measure (small counts suppressed).
 * Not exposed as a type: the scorecard is.
 */
@Entity('measure_summary')
export class MeasureSummary {
  @PrimaryColumn({ type: 'varchar', length: KEY_LENGTH })
  partnershipSlug!: string;

  @PrimaryColumn({ type: 'varchar', length: KEY_LENGTH })
  measureCode!: string;

  /** The polarity the variation is judged by: a plan may state its own for a measure. */
  @PrimaryColumn({ type: 'varchar', length: 40 })
  polarity!: string;

  @PrimaryColumn({ type: 'varchar', length: 40 })
  audience!: string;

  /** The latest point (JSON of a series point), or null without one. */
  @TextColumn(true)
  latest!: string | null;

  @TextColumn(true)
  yearEarlier!: string | null;

  @NumberColumn(true)
  changePercent!: number | null;

  @EnumColumn()
  variation!: string;

  @IntColumn()
  points!: number;

  /** The small-count threshold a PUBLIC row was worked out with; a hub set otherwise works live. */
  @IntColumn()
  threshold!: number;

  @TimestampColumn()
  computedAt!: Date;
}
