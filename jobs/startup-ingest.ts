import { existsSync } from 'node:fs';
import type { DataSource } from 'typeorm';
import { RunStatus } from '../src/domain/enums';
import { IngestRun } from '../src/entities';
import type { FiguresChanged } from '../src/ingest/figures-changed';
import type { Logger } from '../src/logging/logger';
import type { JobSpec } from './job-config';
import { START_UP_TURNS } from '../src/store/start-up-turns';
import { wasStoreBusy } from './busy-retries';
import { runJob } from './run-job';
import { generateSamples, samplesCurrent, SAMPLES_DIR } from './samples/generate-samples';

/** Whether a job reads the generated sample files (which are made on demand, not committed). */
function readsSamples(spec: JobSpec): boolean {
  const s = spec.source;
  const path = 'file' in s ? s.file : 'folder' in s ? s.folder : null;
  return path !== null && path.startsWith(SAMPLES_DIR);
}

/**
 * On start, runs every job that has never succeeded, so a fresh store has figures at once.
 * Generates the sample files first if a job reads them and they are missing, or were written by
 * an earlier version of the generator.
 */
export async function ingestOnStart(
  ds: DataSource,
  specs: JobSpec[],
  figuresChanged: FiguresChanged,
  logger: Logger,
): Promise<void> {
  const missingSamples = specs.some(
    (s) =>
      readsSamples(s) && !existsSync('file' in s.source ? s.source.file : 'folder' in s.source ? s.source.folder : ''),
  );
  const staleSamples = specs.some(readsSamples) && !samplesCurrent();
  if (missingSamples || staleSamples) {
    const files = generateSamples();
    logger.info('sample data generated', { dir: SAMPLES_DIR, files });
  }
  for (const spec of specs) {
    const done = await ds.manager.count(IngestRun, { where: { datasetId: spec.dataset, status: RunStatus.SUCCEEDED } });
    if (done > 0) continue;
    const started = Date.now();
    let results = await runJob(ds, spec, { trigger: 'start-up', figuresChanged }, logger);
    // Another process holding the store (a long ingest) is waited for: up to six turns in all.
    for (let turn = 2; turn <= START_UP_TURNS && wasStoreBusy(results); turn += 1) {
      logger.warn('start-up ingest: the store is busy with another write; waiting another turn', {
        dataset: spec.dataset,
        turn,
        of: START_UP_TURNS,
      });
      results = await runJob(ds, spec, { trigger: 'start-up', figuresChanged }, logger);
    }
    const failed = results.filter((r) => r.status === RunStatus.FAILED).length;
    logger.info('start-up ingest', { dataset: spec.dataset, runs: results.length, failed, ms: Date.now() - started });
  }
}
