import type { DataSource } from 'typeorm';
import { RunStatus } from '../../src/domain/enums';
import { IngestRun } from '../../src/entities';

/**
 * An ingest run of a dataset that no run recorder started, for tests that write figures or
 * rejected rows straight through the store's writers: their rows need a run to belong to.
 * Returns its id.
 */
export async function saveTestRun(ds: DataSource, datasetId: string, status: RunStatus): Promise<number> {
  const finished = status === RunStatus.RUNNING ? null : new Date();
  const run = await ds.manager.save(
    IngestRun,
    ds.manager.create(IngestRun, {
      datasetId,
      status,
      trigger: 'test',
      source: 'feed.csv',
      startedAt: new Date(),
      finishedAt: finished,
      rowsRead: 0,
      rowsWritten: 0,
      rowsRejected: 0,
      error: null,
    }),
  );
  return run.id;
}
