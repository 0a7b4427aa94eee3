import type { DataSource } from 'typeorm';
import type { Logger } from '../logging/logger';
import { AlertService } from '../services/alert.service';
import { MeasureSummaryService } from '../services/measure-summary.service';
import { POPULATION, SeriesService } from '../services/series.service';

// What follows a change of figures, whoever made it (an ingest run, a submission, the reference
// data): new special-cause signals become alerts, and the scorecard figures of the partnerships
// linking the changed measures are worked out again. Neither ever fails the change itself; if
// the summaries cannot be refreshed they are dropped, so scorecards fall back to live figures
// rather than show stale ones.
//
// One hook, built once where a process starts (the hub in src/hub.ts, the CLI in
// jobs/ingest-cli.ts) with the settings it needs: the hub's small-count threshold, which the
// public summaries are suppressed with (a scorecard uses a stored summary only when it was worked
// out with the threshold of the hub serving it). Every door of the intake calls it; nobody else
// threads the threshold through.

export class FiguresChanged {
  constructor(
    private readonly ds: DataSource,
    /** SMALL_COUNT_THRESHOLD of the process that built the hook. */
    readonly threshold: number,
    private readonly logger: Logger,
  ) {}

  /** The summary service working with this hook's threshold. */
  summaries(): MeasureSummaryService {
    return new MeasureSummaryService(this.ds, new SeriesService(this.ds), this.threshold);
  }

  /** After figures of these measures changed (in run `runId`, if one): alerts, then summaries. */
  async figures(measureCodes: string[], runId: number | null): Promise<void> {
    if (!measureCodes.length) return;
    const series = new SeriesService(this.ds);
    try {
      await new AlertService(this.ds, series).detect(measureCodes, runId, this.logger);
    } catch (err) {
      this.logger.error('alert detection failed', { run: runId, error: err });
    }
    // Population is every count's denominator: a change of it moves every partnership's rates.
    await this.refresh(measureCodes.includes(POPULATION) ? null : measureCodes);
  }

  /** After the reference data changed: every partnership's summaries. */
  async reference(): Promise<void> {
    await this.refresh(null);
  }

  /** Refreshes the summaries of partnerships linking these measures (every partnership when null). */
  async refresh(measureCodes: string[] | null): Promise<void> {
    const summaries = this.summaries();
    let slugs: string[] | null = null;
    try {
      slugs = measureCodes ? await summaries.partnershipsLinking(measureCodes) : null;
      if (slugs && !slugs.length) return;
      const rows = await summaries.refresh(slugs);
      this.logger.debug('scorecard summaries refreshed', { partnerships: slugs ?? 'all', rows });
    } catch (err) {
      this.logger.error('scorecard summary refresh failed; scorecards work live', {
        partnerships: slugs ?? 'all',
        error: err,
      });
      await summaries
        .forget(slugs)
        .catch((e: unknown) => this.logger.error('could not drop stale scorecard summaries', { error: e }));
    }
  }
}
