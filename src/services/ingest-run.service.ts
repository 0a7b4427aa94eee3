import type { DataSource } from 'typeorm';
import { IngestRun } from '../entities';
import { toConnection, type ConnectionShape, type PageWindow } from '../graphql/connection';
import { findWhere } from '../store/hydrate';
import { placeholder, rawRows } from '../store/sql';

export class IngestRunService {
  constructor(private readonly ds: DataSource) {}

  /** Runs, newest first, optionally of one dataset. */
  async page(datasetId: string | null | undefined, window: PageWindow): Promise<ConnectionShape<IngestRun>> {
    const where = datasetId ? `x.dataset_id = ${placeholder(this.ds, 1)}` : '';
    const params = datasetId ? [datasetId] : [];
    const [rows, count] = await Promise.all([
      findWhere(
        this.ds,
        IngestRun,
        where,
        params,
        `ORDER BY x.started_at DESC, x.id DESC LIMIT ${window.limit} OFFSET ${window.offset}`,
      ),
      rawRows<{ total: number | string }>(
        this.ds,
        `SELECT COUNT(*) AS total FROM ingest_run x${where ? ` WHERE ${where}` : ''}`,
        params,
      ),
    ]);
    return toConnection(rows, Number(count[0]?.total ?? 0), window);
  }
}
