import type { DataSource } from 'typeorm';
import { groupBy } from '../analytics/group-by';
import { Action, Measure, MeasureLink, Partnership, PartnershipArea, Plan, Priority } from '../entities';
import { rawRows } from '../store/sql';

// The plan graph (partnerships, their districts, plans, priorities, measure links, measures,
// actions) is reference data: it changes when the reference files are loaded, not between two
// dashboard requests. A scorecard needs all of it and only the summaries besides, so a hub keeps
// it in memory, as Vendure keeps channels and zones, and checks one token per request
// (reference_version, set by triggers in the writing transaction) to know it is still current.
// Figures are never kept here: they change with every ingest and are read from the store.

/** One snapshot of the plan graph. Its entities are frozen: they are shared by every request. */
export interface PlanGraph {
  readonly token: string;
  readonly partnerships: ReadonlyMap<string, Partnership>;
  /** By partnership slug, in order of start, then id. */
  readonly plans: ReadonlyMap<string, readonly Plan[]>;
  /** By plan id, in order of position. */
  readonly priorities: ReadonlyMap<string, readonly Priority[]>;
  /** By priority id, in order of position, then id; objective-level links included. */
  readonly links: ReadonlyMap<string, readonly MeasureLink[]>;
  readonly measures: ReadonlyMap<string, Measure>;
  /** By priority id. */
  readonly actions: ReadonlyMap<string, readonly Action[]>;
  /** Area codes by partnership slug, in code order. */
  readonly districts: ReadonlyMap<string, readonly string[]>;
}

/** The entities the graph is read from: each table needs the migration's triggers (a test checks). */
export const GRAPH_ENTITIES = [Partnership, PartnershipArea, Plan, Priority, MeasureLink, Measure, Action];

/** The statements a changed graph costs to read again: its seven tables and the token, again. */
export const GRAPH_READ_STATEMENTS = 8;

const TOKEN_SQL = 'SELECT token FROM reference_version WHERE id = 1';

function frozen<T extends object>(rows: T[]): T[] {
  for (const row of rows) Object.freeze(row);
  return rows;
}

/** Reads of a graph that keeps changing under them before the service gives up on one request. */
const MAX_READS = 20;

export class PlanGraphService {
  private cached: PlanGraph | null = null;
  /** The read in flight, and the token it was started for. */
  private reading: { token: string; graph: Promise<PlanGraph> } | null = null;

  constructor(private readonly ds: DataSource) {}

  /** The graph as the store holds it now: a one-row read of the token when nothing changed. */
  async current(): Promise<PlanGraph> {
    const token = await this.token();
    if (this.cached?.token === token) return this.cached;
    // Requests that find the same new token share one read; a read started for an older token
    // is not joined, as it may hold rows from before the change this request has seen.
    if (this.reading?.token === token) return this.reading.graph;
    const reading = { token, graph: this.read(token) };
    this.reading = reading;
    try {
      return await reading.graph;
    } finally {
      if (this.reading === reading) this.reading = null;
    }
  }

  private async token(): Promise<string> {
    const [row] = await rawRows<{ token: string }>(this.ds, TOKEN_SQL, []);
    if (!row) throw new Error('reference_version has no row: the store was not migrated');
    return row.token;
  }

  /**
   * Reads the seven tables, then the token again, until the token has not moved across a read:
   * then no commit touched the tables in between (each sets a token never seen before), so the
   * rows are one state of the graph, not a mix of before and after a load. While a load keeps
   * writing, the last consistent graph is served rather than a mixed one.
   */
  private async read(token: string): Promise<PlanGraph> {
    let expected = token;
    for (let attempt = 1; ; attempt += 1) {
      const graph = await this.readTables(expected);
      const after = await this.token();
      if (after === expected) {
        this.cached = graph;
        return graph;
      }
      if (this.cached && attempt >= 3) return this.cached;
      if (attempt >= MAX_READS) throw new Error(`the plan graph changed during each of ${MAX_READS} reads`);
      expected = after;
    }
  }

  private async readTables(token: string): Promise<PlanGraph> {
    const m = this.ds.manager;
    const [partnerships, areas, plans, priorities, links, measures, actions] = await Promise.all([
      m.find(Partnership),
      m.find(PartnershipArea, { order: { partnershipSlug: 'ASC', areaCode: 'ASC' } }),
      m.find(Plan, { order: { periodStart: 'ASC', id: 'ASC' } }),
      m.find(Priority, { order: { position: 'ASC', id: 'ASC' } }),
      m.find(MeasureLink, { order: { position: 'ASC', id: 'ASC' } }),
      m.find(Measure),
      m.find(Action, { order: { position: 'ASC', id: 'ASC' } }),
    ]);
    return {
      token,
      partnerships: new Map(frozen(partnerships).map((p) => [p.slug, p])),
      plans: groupBy(frozen(plans), (p) => p.partnershipSlug),
      priorities: groupBy(frozen(priorities), (p) => p.planId),
      links: groupBy(frozen(links), (l) => l.priorityId),
      measures: new Map(frozen(measures).map((x) => [x.code, x])),
      actions: groupBy(frozen(actions), (a) => a.priorityId),
      districts: new Map(
        [...groupBy(areas, (a) => a.partnershipSlug)].map(([slug, rows]) => [slug, rows.map((r) => r.areaCode)]),
      ),
    };
  }
}
