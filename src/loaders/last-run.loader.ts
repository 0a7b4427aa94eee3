import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { IngestRun } from '../entities';
import { findWhere } from '../store/hydrate';
import { placeholders } from '../store/sql';

/** The latest run of each dataset, in one statement. */
export function lastRunLoader(ds: DataSource): DataLoader<string, IngestRun | null> {
  return new DataLoader<string, IngestRun | null>(async (datasetIds) => {
    const latest = `SELECT MAX(id) FROM ingest_run WHERE dataset_id IN (${placeholders(ds, datasetIds.length)}) GROUP BY dataset_id`;
    const runs = await findWhere(ds, IngestRun, `x.id IN (${latest})`, [...datasetIds]);
    const byDataset = new Map(runs.map((r) => [r.datasetId, r]));
    return datasetIds.map((id) => byDataset.get(id) ?? null);
  });
}
