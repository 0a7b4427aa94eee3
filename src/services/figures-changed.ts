import type { DataSource } from 'typeorm';
import type { Logger } from '../logging/logger';
import { AlertService } from './alert.service';
import { MeasureSummaryService } from './measure-summary.service';
import { POPULATION, SeriesService } from './series.service';

// What follows a change of figures, whoever made it (an ingest run, a submission, the reference
// data): new special-cause signals become alerts, and the scorecard figures of the partnerships
// linking the changed measures are worked out again. Neither ever fails the change itself; if
// the summaries cannot be refreshed they are dropped, so scorecards fall back to live figures
// rather than show stale ones.

// `threshold` is the hub's small-count threshold (SMALL_COUNT_THRESHOLD), passed down by whoever
// changed the figures: the public summaries are suppressed with it, and a scorecard uses a stored
// summary only when it was worked out with the threshold of the hub serving it.

export function summaryService(ds: DataSource, threshold: number): MeasureSummaryService {
  return new MeasureSummaryService(ds, new SeriesService(ds), threshold);
}

export async function afterFiguresChanged(
  ds: DataSource,
  measureCodes: string[],
  runId: number | null,
  threshold: number,
  logger: Logger,
): Promise<void> {
  const series = new SeriesService(ds);
  try {
    await new AlertService(ds, series).detect(measureCodes, runId, logger);
  } catch (err) {
    logger.error('alert detection failed', { run: runId, error: err });
  }
  await refreshSummaries(ds, measureCodes.includes(POPULATION) ? null : measureCodes, threshold, logger);
}

/** Refreshes the summaries of partnerships linking these measures (every partnership when null). */
export async function refreshSummaries(
  ds: DataSource,
  measureCodes: string[] | null,
  threshold: number,
  logger: Logger,
): Promise<void> {
  const summaries = summaryService(ds, threshold);
  let slugs: string[] | null = null;
  try {
    slugs = measureCodes ? await summaries.partnershipsLinking(measureCodes) : null;
    if (slugs && !slugs.length) return;
    const rows = await summaries.refresh(slugs);
    logger.debug('scorecard summaries refreshed', { partnerships: slugs ?? 'all', rows });
  } catch (err) {
    logger.error('scorecard summary refresh failed; scorecards work live', {
      partnerships: slugs ?? 'all',
      error: err,
    });
    await summaries
      .forget(slugs)
      .catch((e: unknown) => logger.error('could not drop stale scorecard summaries', { error: e }));
  }
}
