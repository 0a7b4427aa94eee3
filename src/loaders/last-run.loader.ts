import DataLoader from 'dataloader';
import { In, type DataSource } from 'typeorm';
import { IngestRun } from '../entities';
import { placeholders, rawRows } from '../store/sql';

/** The latest run of each dataset: its id by one grouped statement, then the rows. */
export function lastRunLoader(ds: DataSource): DataLoader<string, IngestRun | null> {
  return new DataLoader<string, IngestRun | null>(async (datasetIds) => {
    const sql = `SELECT MAX(id) AS id FROM ingest_run WHERE dataset_id IN (${placeholders(ds, datasetIds.length)}) GROUP BY dataset_id`;
    const ids = (await rawRows<{ id: number | string }>(ds, sql, [...datasetIds])).map((r) => Number(r.id));
    const runs = ids.length ? await ds.manager.find(IngestRun, { where: { id: In(ids) } }) : [];
    const byDataset = new Map(runs.map((r) => [r.datasetId, r]));
    return datasetIds.map((id) => byDataset.get(id) ?? null);
  });
}
