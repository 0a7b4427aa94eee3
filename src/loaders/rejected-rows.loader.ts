import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { MeasureAccess } from '../domain/enums';
import { RejectedRow } from '../entities';
import { toConnection, type ConnectionShape, type PageWindow } from '../graphql/connection';
import { findIn } from '../store/hydrate';
import { placeholder, placeholders, rawRows } from '../store/sql';
import { pagedByOwner } from './loader-factories';

export interface RejectedRowsKey {
  owner: number;
  window: PageWindow;
}

/**
 * Reasons are written never to quote the source (a line number, the column, what was
 * expected). Rows recorded before that rule quoted the field in double quotes; for anyone who
 * may not read the source, any such quote is cut out, so an old reason cannot show what a
 * line held either.
 */
export const publicReason = (reason: string): string => reason.replace(/"[^"]*"/g, '(not shown)');

const windowKey = (w: PageWindow): string => `${w.offset}|${w.limit}`;

/**
 * SQL flagging a rejected row whose source text the viewer may read: a key's organisation that
 * owns measures of the run's dataset and may see every figure the dataset holds (each measure
 * of it that is not public is its own). A rejected line may hold any figure of its dataset, so
 * nobody else reads it: not the public (a public dataset's line may be anything a mistaken file
 * held), not a member of one partnership (the line may be another area's). They get the line
 * number and the reason.
 */
function readableSql(ds: DataSource, organisationId: string | null, index: number): { sql: string; params: unknown[] } {
  if (organisationId === null) return { sql: '0', params: [] };
  return {
    sql: `CASE WHEN EXISTS (SELECT 1 FROM ingest_run ir JOIN measure m ON m.dataset_id = ir.dataset_id
              WHERE ir.id = r.run_id AND m.owner_organisation_id = ${placeholder(ds, index)})
            AND NOT EXISTS (SELECT 1 FROM ingest_run ir JOIN measure m ON m.dataset_id = ir.dataset_id
              WHERE ir.id = r.run_id AND m.access <> '${MeasureAccess.PUBLIC}'
                AND (m.owner_organisation_id IS NULL OR m.owner_organisation_id <> ${placeholder(ds, index + 1)}))
          THEN 1 ELSE 0 END`,
    params: [organisationId, organisationId],
  };
}

async function pagesFor(
  ds: DataSource,
  runs: number[],
  window: PageWindow,
  organisationId: string | null,
): Promise<Map<number, ConnectionShape<RejectedRow>>> {
  // The flag's parameters come first, as they do in the text: SQLite binds "?" by position.
  const readable = readableSql(ds, organisationId, 1);
  const list = placeholders(ds, runs.length, readable.params.length);
  const countList = placeholders(ds, runs.length);
  const [ids, counts] = await Promise.all([
    rawRows<{ id: number | string; readable: number | string }>(
      ds,
      `SELECT x.id, x.readable FROM (SELECT r.id, ${readable.sql} AS readable, ROW_NUMBER() OVER (PARTITION BY r.run_id ORDER BY r.line, r.id) AS rn
       FROM rejected_row r WHERE r.run_id IN (${list})) x WHERE x.rn > ${window.offset} AND x.rn <= ${window.offset + window.limit}`,
      [...readable.params, ...runs],
    ),
    rawRows<{ run_id: number | string; total: number | string }>(
      ds,
      `SELECT run_id, COUNT(*) AS total FROM rejected_row WHERE run_id IN (${countList}) GROUP BY run_id`,
      runs,
    ),
  ]);
  const rows = await findIn(
    ds,
    RejectedRow,
    'id',
    ids.map((r) => Number(r.id)),
    [
      ['line', 'ASC'],
      ['id', 'ASC'],
    ],
  );
  const readableIds = new Set(ids.filter((r) => Number(r.readable) === 1).map((r) => Number(r.id)));
  const shown = rows.map((r) => (readableIds.has(r.id) ? r : { ...r, raw: '', reason: publicReason(r.reason) }));
  const totals = new Map(counts.map((c) => [Number(c.run_id), Number(c.total)]));
  return new Map(
    runs.map((run) => [
      run,
      toConnection(
        shown.filter((r) => r.runId === run),
        totals.get(run) ?? 0,
        window,
      ),
    ]),
  );
}

/** A page of each run's rejected rows, by line: ids by window function, counts, then the rows. */
export function rejectedRowsLoader(
  ds: DataSource,
  organisationId: string | null,
): DataLoader<RejectedRowsKey, ConnectionShape<RejectedRow>, string> {
  return pagedByOwner<RejectedRowsKey, number, ConnectionShape<RejectedRow>>(
    (k) => windowKey(k.window),
    (runs, sample) => pagesFor(ds, runs, sample.window, organisationId),
  );
}
