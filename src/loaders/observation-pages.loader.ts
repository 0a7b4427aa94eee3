import DataLoader from 'dataloader';
import { In, type DataSource } from 'typeorm';
import { Observation } from '../entities';
import { periodBound } from '../errors/period-argument';
import { toConnection, type ConnectionShape, type PageWindow } from '../graphql/connection';
import { placeholder, placeholders, rawRows } from '../store/sql';
import { pagedByOwner } from './loader-factories';

// A page of observations for each of many owners (areas, measures, partnerships) in three statements:
// the page's ids by window function, the totals by GROUP BY, then the rows themselves.
// Keys that share a filter and window are answered together.

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

async function pagesFor(ds: DataSource, owner: Owner, owners: string[], filter: ObservationFilter, window: PageWindow): Promise<Map<string, ConnectionShape<Observation>>> {
  const where = conditions(ds, filter, owners.length);
  const ownerList = placeholders(ds, owners.length);
  const { column, join } = OWNER_SQL[owner];
  const idSql = `
    SELECT x.id, x.owner FROM (
      SELECT o.id, ${column} AS owner,
             ROW_NUMBER() OVER (PARTITION BY ${column} ORDER BY o.period_start DESC, o.measure_code, o.area_code) AS rn
      FROM observation o${join} WHERE ${column} IN (${ownerList})${where.sql}
    ) x WHERE x.rn > ${window.offset} AND x.rn <= ${window.offset + window.limit}
    ORDER BY x.owner, x.rn`;
  const countSql = `SELECT ${column} AS owner, COUNT(*) AS total FROM observation o${join} WHERE ${column} IN (${ownerList})${where.sql} GROUP BY ${column}`;
  const params = [...owners, ...where.params];
  const [ids, counts] = await Promise.all([
    rawRows<{ id: number; owner: string }>(ds, idSql, params),
    rawRows<{ owner: string; total: number | string }>(ds, countSql, params),
  ]);
  const rows = ids.length ? await ds.manager.find(Observation, { where: { id: In(ids.map((r) => Number(r.id))) } }) : [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  const totals = new Map(counts.map((c) => [c.owner, Number(c.total)]));
  const pages = new Map<string, ConnectionShape<Observation>>();
  for (const owner of owners) {
    const nodes = ids.filter((r) => r.owner === owner).map((r) => byId.get(Number(r.id))).filter((o): o is Observation => o !== undefined);
    pages.set(owner, toConnection(nodes, totals.get(owner) ?? 0, window));
  }
  return pages;
}

export function observationPagesLoader(ds: DataSource, owner: Owner): DataLoader<ObservationPageKey, ConnectionShape<Observation>, string> {
  return pagedByOwner<ObservationPageKey, string, ConnectionShape<Observation>>(
    (k) => JSON.stringify([k.filter, k.window]),
    (owners, sample) => pagesFor(ds, owner, owners, sample.filter, sample.window),
  );
}
