import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { seesAllSql } from '../auth/member-scope';
import { isSmall, suppress, withoutHistory } from '../auth/visibility';
import { MeasureAccess, type Unit } from '../domain/enums';
import { Observation } from '../entities';
import { periodBound } from '../errors/period-argument';
import { toConnection, type ConnectionShape, type PageWindow } from '../graphql/connection';
import { findIn } from '../store/hydrate';
import { placeholder, placeholders, rawRows } from '../store/sql';
import { pagedByOwner } from './loader-factories';

// A page of observations for each of many owners (areas, measures, partnerships) in three statements:
// the page's ids by window function, the totals by GROUP BY, then the rows themselves.
// Keys that share a filter and window are answered together. What a viewer may not see is
// filtered out in the SQL, so pages and totals hold only visible rows.

export interface ObservationFilter {
  measure?: string | null;
  area?: string | null;
  from?: string | null;
  to?: string | null;
}

export interface ObservationPageKey {
  owner: string;
  filter: ObservationFilter;
  window: PageWindow;
}

/** Whose observations: an area's, a measure's, or a partnership's (those of its districts). */
export type Owner = 'area' | 'measure' | 'partnership';

const OWNER_SQL: Record<Owner, { column: string; join: string }> = {
  area: { column: 'o.area_code', join: '' },
  measure: { column: 'o.measure_code', join: '' },
  partnership: { column: 'pa.partnership_slug', join: ' JOIN partnership_area pa ON pa.area_code = o.area_code' },
};

/** Checks a filter's periods up front, so a bad period is the client's error, not the loader's. */
export function checkObservationFilter(filter: ObservationFilter): void {
  if (filter.from) periodBound(filter.from, 'from', 'start');
  if (filter.to) periodBound(filter.to, 'to', 'end');
}

function conditions(ds: DataSource, filter: ObservationFilter, firstIndex: number): { sql: string; params: unknown[] } {
  const parts: string[] = [];
  const params: unknown[] = [];
  const add = (sql: (p: string) => string, value: unknown): void => {
    params.push(value);
    parts.push(sql(placeholder(ds, firstIndex + params.length)));
  };
  if (filter.measure) add((p) => `o.measure_code = ${p}`, filter.measure);
  if (filter.area) add((p) => `o.area_code = ${p}`, filter.area);
  if (filter.from) add((p) => `o.period_start >= ${p}`, periodBound(filter.from, 'from', 'start'));
  if (filter.to) add((p) => `o.period_end <= ${p}`, periodBound(filter.to, 'to', 'end'));
  return { sql: parts.map((p) => ` AND ${p}`).join(''), params };
}

async function pagesFor(
  ds: DataSource,
  owner: Owner,
  owners: string[],
  filter: ObservationFilter,
  window: PageWindow,
  scope: VisibilityScope,
): Promise<Map<string, ConnectionShape<Observation>>> {
  // Parameters in the order they appear in the text: SQLite binds "?" by position.
  const seesAll = seesAllSql(ds, scope.organisationId, 1);
  const before = seesAll.params.length;
  const ownerList = placeholders(ds, owners.length, before);
  const where = conditions(ds, filter, before + owners.length);
  const { column, join } = OWNER_SQL[owner];
  // The visible rows: restricted rows only where the viewer sees all (the rule in SQL, so
  // pages and totals count only what the viewer may see).
  const visible = `
    SELECT v.* FROM (
      SELECT o.id, ${column} AS owner, o.period_start, o.measure_code, o.area_code, m.access, m.unit,
             CASE WHEN ${seesAll.sql} THEN 1 ELSE 0 END AS full_view
      FROM observation o JOIN measure m ON m.code = o.measure_code${join}
      WHERE ${column} IN (${ownerList}) AND o.withdrawn_at IS NULL${where.sql}
    ) v WHERE v.full_view = 1 OR v.access <> '${MeasureAccess.RESTRICTED}'`;
  const idSql = `
    SELECT x.id, x.owner, x.full_view, x.unit FROM (
      SELECT y.id, y.owner, y.full_view, y.unit,
             ROW_NUMBER() OVER (PARTITION BY y.owner ORDER BY y.period_start DESC, y.measure_code, y.area_code) AS rn
      FROM (${visible}) y
    ) x WHERE x.rn > ${window.offset} AND x.rn <= ${window.offset + window.limit}
    ORDER BY x.owner, x.rn`;
  const countSql = `SELECT z.owner, COUNT(*) AS total FROM (${visible}) z GROUP BY z.owner`;
  const params = [...seesAll.params, ...owners, ...where.params];
  const [ids, counts] = await Promise.all([
    rawRows<{ id: number; owner: string; full_view: number | string; unit: Unit }>(ds, idSql, params),
    rawRows<{ owner: string; total: number | string }>(ds, countSql, params),
  ]);
  const rows = await findIn(
    ds,
    Observation,
    'id',
    ids.map((r) => Number(r.id)),
  );
  const byId = new Map(rows.map((r) => [r.id, r]));
  const totals = new Map(counts.map((c) => [c.owner, Number(c.total)]));
  // A row not wholly visible that is still listed is a SUPPRESSED measure's: small counts go,
  // and no row of it shows earlier values (a count corrected from 3 to 6, or re-sent as "*").
  const shown = (r: { id: number; full_view: number | string; unit: Unit }): Observation | undefined => {
    const o = byId.get(Number(r.id));
    if (!o || Number(r.full_view) === 1) return o;
    return isSmall({ unit: r.unit }, o, scope.threshold) ? suppress(o, scope.threshold) : withoutHistory(o);
  };
  const pages = new Map<string, ConnectionShape<Observation>>();
  for (const owner of owners) {
    const nodes = ids
      .filter((r) => r.owner === owner)
      .map(shown)
      .filter((o): o is Observation => o !== undefined);
    pages.set(owner, toConnection(nodes, totals.get(owner) ?? 0, window));
  }
  return pages;
}

/** Who is asking, for the visibility rule: the key's organisation (null: anonymous), and the small-count threshold. */
export interface VisibilityScope {
  organisationId: string | null;
  threshold: number;
}

export function observationPagesLoader(
  ds: DataSource,
  owner: Owner,
  scope: VisibilityScope,
): DataLoader<ObservationPageKey, ConnectionShape<Observation>, string> {
  return pagedByOwner<ObservationPageKey, string, ConnectionShape<Observation>>(
    (k) => JSON.stringify([k.filter, k.window]),
    (owners, sample) => pagesFor(ds, owner, owners, sample.filter, sample.window, scope),
  );
}
