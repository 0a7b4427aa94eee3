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

/** What a viewer who may not see the dataset's restricted figures gets instead of the reason. */
export const WITHHELD_REJECTION =
  'withheld: the dataset holds restricted figures; only the owner of its measures sees rejected lines';

const windowKey = (w: PageWindow): string => `${w.offset}|${w.limit}`;

/**
 * SQL flagging a rejected row whose run's dataset carries figures that are not public and not
 * the viewer's own: a rejected line may hold such a figure, so its text is withheld.
 */
function sensitiveSql(
  ds: DataSource,
  organisationId: string | null,
  index: number,
): { sql: string; params: unknown[] } {
  const notOwn =
    organisationId === null
      ? ''
      : ` AND (m.owner_organisation_id IS NULL OR m.owner_organisation_id <> ${placeholder(ds, index)})`;
  return {
    sql: `CASE WHEN EXISTS (SELECT 1 FROM ingest_run ir JOIN measure m ON m.dataset_id = ir.dataset_id
            WHERE ir.id = r.run_id AND m.access <> '${MeasureAccess.PUBLIC}'${notOwn}) THEN 1 ELSE 0 END`,
    params: organisationId === null ? [] : [organisationId],
  };
}

async function pagesFor(
  ds: DataSource,
  runs: number[],
  window: PageWindow,
  organisationId: string | null,
): Promise<Map<number, ConnectionShape<RejectedRow>>> {
  // The flag's parameter comes first, as it does in the text: SQLite binds "?" by position.
  const sensitive = sensitiveSql(ds, organisationId, 1);
  const list = placeholders(ds, runs.length, sensitive.params.length);
  const countList = placeholders(ds, runs.length);
  const [ids, counts] = await Promise.all([
    rawRows<{ id: number | string; sensitive: number | string }>(
      ds,
      `SELECT x.id, x.sensitive FROM (SELECT r.id, ${sensitive.sql} AS sensitive, ROW_NUMBER() OVER (PARTITION BY r.run_id ORDER BY r.line, r.id) AS rn
       FROM rejected_row r WHERE r.run_id IN (${list})) x WHERE x.rn > ${window.offset} AND x.rn <= ${window.offset + window.limit}`,
      [...sensitive.params, ...runs],
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
  const withheld = new Set(ids.filter((r) => Number(r.sensitive) === 1).map((r) => Number(r.id)));
  const shown = rows.map((r) => (withheld.has(r.id) ? { ...r, raw: '', reason: WITHHELD_REJECTION } : r));
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
