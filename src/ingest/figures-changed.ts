import type { DataSource } from 'typeorm';
import { groupBy } from '../analytics/group-by';
import { PendingAftermath } from '../entities';
import { placeholder, placeholders } from '../store/sql';
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

  /**
   * After figures of these measures changed (in run `runId`, if one): alerts, then summaries,
   * then the marks the writer left for them (aftermath.ts), up to the last committed when it
   * began, are cleared.
   */
  async figures(measureCodes: string[], runId: number | null): Promise<void> {
    if (!measureCodes.length) return;
    return this.oneAtATime(() => this.afterFigures(measureCodes, runId));
  }

  // One aftermath at a time in a process: each charts every changed measure, and two at once
  // (a submission's beside an ingest's) would only take turns at the event loop with requests.
  private queue: Promise<unknown> = Promise.resolve();

  private oneAtATime<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async afterFigures(measureCodes: string[], runId: number | null): Promise<void> {
    const covered = await this.lastMark();
    const series = new SeriesService(this.ds);
    try {
      await new AlertService(this.ds, series).detect(measureCodes, runId, this.logger);
    } catch (err) {
      this.logger.error('alert detection failed', { run: runId, error: err });
    }
    // Population is every count's denominator: a change of it moves every partnership's rates.
    await this.refresh(measureCodes.includes(POPULATION) ? null : measureCodes);
    await this.clearMarks(measureCodes, covered);
  }

  /**
   * Does the aftermath of writes whose process died before finishing it (their marks are still
   * there): called where a process starts, before it serves or runs anything.
   */
  async redoPending(): Promise<number> {
    const marks = await this.ds.manager.find(PendingAftermath, { order: { id: 'ASC' } });
    if (!marks.length) return 0;
    const byRun = groupBy(marks, (mk) => mk.ingestRunId ?? 0);
    this.logger.warn('finishing the aftermath of writes a stopped process left undone', {
      runs: [...byRun.keys()].map((r) => (r === 0 ? null : r)),
    });
    for (const [run, list] of byRun)
      await this.figures([...new Set(list.map((mk) => mk.measureCode))], run === 0 ? null : run);
    return byRun.size;
  }

  // The last mark committed when an aftermath starts: every figure behind it is committed, so the
  // aftermath reads it, and the mark can go when the aftermath is done. A job of many files
  // marks once per file and runs its aftermath once; a mark committed later stays for its own.
  private async lastMark(): Promise<number> {
    const [row] = (await this.ds.query('SELECT MAX(id) AS last FROM pending_aftermath')) as Array<{
      last: number | string | null;
    }>;
    return Number(row?.last ?? 0);
  }

  private async clearMarks(measureCodes: string[], upTo: number): Promise<void> {
    const ds = this.ds;
    try {
      await ds.query(
        `DELETE FROM pending_aftermath WHERE id <= ${placeholder(ds, 1)} AND measure_code IN (${placeholders(ds, measureCodes.length, 1)})`,
        [upTo, ...measureCodes],
      );
    } catch (err) {
      // The figures are committed and their aftermath done: marks left behind (the store busy
      // with another write, say) only make the next start do it again, which changes nothing.
      this.logger.error('aftermath marks not cleared; the next start redoes them', { error: err });
    }
  }

  /** After the reference data changed: every partnership's summaries, and alerts on the quoted figures it changed. */
  async reference(changedMeasures: string[] = []): Promise<void> {
    return this.oneAtATime(() => this.afterReference(changedMeasures));
  }

  private async afterReference(changedMeasures: string[]): Promise<void> {
    const covered = await this.lastMark();
    if (changedMeasures.length) {
      try {
        await new AlertService(this.ds, new SeriesService(this.ds)).detect(changedMeasures, null, this.logger);
      } catch (err) {
        this.logger.error('alert detection failed', { run: null, error: err });
      }
    }
    await this.refresh(null);
    if (changedMeasures.length) await this.clearMarks(changedMeasures, covered);
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
