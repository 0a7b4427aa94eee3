import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { RejectedRow } from '../entities';
import { toConnection, type ConnectionShape, type PageWindow } from '../graphql/connection';
import { placeholders, rawRows } from '../store/sql';
import { pagedByOwner } from './loader-factories';

export interface RejectedRowsKey {
  owner: number;
  window: PageWindow;
}

const windowKey = (w: PageWindow): string => `${w.offset}|${w.limit}`;

async function pagesFor(ds: DataSource, runs: number[], window: PageWindow): Promise<Map<number, ConnectionShape<RejectedRow>>> {
  const list = placeholders(ds, runs.length);
  const [ids, counts] = await Promise.all([
    rawRows<{ id: number | string }>(
      ds,
      `SELECT x.id FROM (SELECT r.id, ROW_NUMBER() OVER (PARTITION BY r.run_id ORDER BY r.line, r.id) AS rn
       FROM rejected_row r WHERE r.run_id IN (${list})) x WHERE x.rn > ${window.offset} AND x.rn <= ${window.offset + window.limit}`,
      runs,
    ),
    rawRows<{ run_id: number | string; total: number | string }>(ds, `SELECT run_id, COUNT(*) AS total FROM rejected_row WHERE run_id IN (${list}) GROUP BY run_id`, runs),
  ]);
  const rows = ids.length
    ? await ds.manager.createQueryBuilder(RejectedRow, 'r').whereInIds(ids.map((r) => Number(r.id))).orderBy('r.line', 'ASC').addOrderBy('r.id', 'ASC').getMany()
    : [];
  const totals = new Map(counts.map((c) => [Number(c.run_id), Number(c.total)]));
  return new Map(runs.map((run) => [run, toConnection(rows.filter((r) => r.runId === run), totals.get(run) ?? 0, window)]));
}

/** A page of each run's rejected rows, by line: ids by window function, counts, then the rows. */
export function rejectedRowsLoader(ds: DataSource): DataLoader<RejectedRowsKey, ConnectionShape<RejectedRow>, string> {
  return pagedByOwner<RejectedRowsKey, number, ConnectionShape<RejectedRow>>(
    (k) => windowKey(k.window),
    (runs, sample) => pagesFor(ds, runs, sample.window),
  );
}
