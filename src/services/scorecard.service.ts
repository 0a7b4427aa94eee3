import { groupBy } from '../analytics/group-by';
import type { DataSource } from 'typeorm';
import type { Visibility } from '../auth/visibility';
import { ActionStatus, MeasureAccess, type Polarity } from '../domain/enums';
import { Measure, MeasureLink, MeasureSummary, PartnershipArea, Plan, Priority, type Partnership } from '../entities';
import { notFound } from '../errors/hub-error';
import type { Scorecard, ScorecardMeasure } from '../graphql/types/scorecard.types';
import { Variation } from '../graphql/types/spc.types';
import { figureRows } from '../store/figure-rows';
import { findIn, hydrate, selectList } from '../store/hydrate';
import { rawRows } from '../store/sql';
import { Audience, figuresOf, summaryKey } from './measure-summary.service';
import { currentPlan } from './partnership.service';
import { measureFigures, type MeasureFigures } from './scorecard-measure';
import type { SeriesService } from './series.service';

// A scorecard reads in one statement, however many measures and points there are: the
// partnership's plans joined to their priorities, links, measures, stored summaries and action
// counts. A plan with measures that are not public adds one: the districts, on which who may
// see those figures depends.
// A measure without a stored summary (none worked out yet, or the hub's small-count threshold
// differs from the one they were worked out with) is charted live from its rows instead: two
// more statements, the same figures.

interface ActionTally {
  total: number;
  done: number;
  dropped: number;
  overdue: number;
}

/**
 * Every plan of the partnership with its priorities, their links, each link's measure and
 * stored summaries, and each priority's actions counted: overdue as isOverdue() says (a due
 * date before today, neither done nor dropped), in SQL so the counts come in the same rows.
 */
function graph(ds: DataSource, today: string, slug: string): { sql: string; params: unknown[] } {
  // SQLite binds "?" in the order of the text; PostgreSQL's $n may repeat. Correlated counts
  // per priority use the priority index; a grouped subquery joined in would be materialised
  // and indexed afresh on every request.
  const pg = ds.options.type === 'postgres';
  const [t, s] = pg ? ['$1', '$2'] : ['?', '?'];
  const count = (condition: string): string => `(SELECT COUNT(*) FROM plan_action x WHERE x.priority_id = p.id${condition})`;
  const sql = `
    SELECT ${selectList(ds, Plan, 'pl')}, ${selectList(ds, Priority, 'p')}, ${selectList(ds, MeasureLink, 'ml')}, ${selectList(ds, Measure, 'm')}, ${selectList(ds, MeasureSummary, 's')},
           ${count('')} AS a_total,
           ${count(` AND x.status = '${ActionStatus.DONE}'`)} AS a_done,
           ${count(` AND x.status = '${ActionStatus.DROPPED}'`)} AS a_dropped,
           ${count(` AND x.due_date IS NOT NULL AND x.due_date < ${t} AND x.status NOT IN ('${ActionStatus.DONE}', '${ActionStatus.DROPPED}')`)} AS a_overdue
    FROM plan pl
    LEFT JOIN priority p ON p.plan_id = pl.id
    LEFT JOIN measure_link ml ON ml.priority_id = p.id
    LEFT JOIN measure m ON m.code = ml.measure_code
    LEFT JOIN measure_summary s ON s.partnership_slug = pl.partnership_slug AND s.measure_code = ml.measure_code
    WHERE pl.partnership_slug = ${s}
    ORDER BY pl.period_start, pl.id, p.position, ml.position, ml.id`;
  return { sql, params: [today, slug] };
}

interface Needed {
  measure: Measure;
  link: MeasureLink;
  polarity: Polarity;
  audience: Audience;
}

export class ScorecardService {
  constructor(
    private readonly ds: DataSource,
    private readonly series: SeriesService,
  ) {}

  /** The scorecard as the viewer may see it: restricted measures it may not see are listed, withheld. */
  async scorecard(partnership: Partnership, planId: string | null, viewer: Visibility, today = new Date().toISOString().slice(0, 10)): Promise<Scorecard | null> {
    const ds = this.ds;
    const q = graph(ds, today, partnership.slug);
    const rows = await rawRows<Record<string, unknown>>(ds, q.sql, q.params);
    const plans: Plan[] = [];
    const priorities: Priority[] = [];
    const links: MeasureLink[] = [];
    const measures: Measure[] = [];
    const summaries: MeasureSummary[] = [];
    const tallies = new Map<string, ActionTally>();
    const seen = new Set<string>();
    const once = <T>(list: T[], key: string, value: T | null): void => {
      if (value !== null && !seen.has(key)) {
        seen.add(key);
        list.push(value);
      }
    };
    for (const row of rows) {
      const plan = hydrate(ds, Plan, 'pl', row) as Plan;
      once(plans, `pl|${plan.id}`, plan);
      const priority = hydrate(ds, Priority, 'p', row);
      if (!priority) continue;
      once(priorities, `p|${priority.id}`, priority);
      tallies.set(priority.id, { total: Number(row.a_total ?? 0), done: Number(row.a_done ?? 0), dropped: Number(row.a_dropped ?? 0), overdue: Number(row.a_overdue ?? 0) });
      const link = hydrate(ds, MeasureLink, 'ml', row);
      if (link) once(links, `ml|${link.id}`, link);
      const measure = hydrate(ds, Measure, 'm', row);
      if (measure) once(measures, `m|${measure.code}`, measure);
      const summary = hydrate(ds, MeasureSummary, 's', row);
      if (summary) once(summaries, `s|${summary.partnershipSlug}|${summaryKey(summary.measureCode, summary.polarity, summary.audience as Audience)}`, summary);
    }
    const plan = planId ? plans.find((p) => p.id === planId) : currentPlan(plans, today);
    if (planId && !plan) throw notFound('plan', planId);
    if (!plan) return null;
    const planPriorities = priorities.filter((p) => p.planId === plan.id);
    const ofPlan = new Set(planPriorities.map((p) => p.id));
    const planLinks = links.filter((l) => l.priorityId !== null && ofPlan.has(l.priorityId));
    // The districts matter only where a measure is not public (who may see it depends on them),
    // and to live charting: read once, when first needed.
    let districtList: Promise<string[]> | null = null;
    const districtsOf = (): Promise<string[]> =>
      (districtList ??= findIn(ds, PartnershipArea, 'partnershipSlug', [partnership.slug], [['areaCode', 'ASC']]).then((rows) => rows.map((r) => r.areaCode)));
    const districts = measures.some((x) => x.access !== MeasureAccess.PUBLIC) ? await districtsOf() : [];
    const measureByCode = new Map(measures.map((x) => [x.code, x]));
    const stored = new Map(summaries.filter((s) => s.audience === Audience.FULL || s.threshold === viewer.threshold).map((s) => [summaryKey(s.measureCode, s.polarity, s.audience as Audience), s]));

    // Who sees what: all of it (a member, the owner, or a public measure), the public version
    // of a suppressed measure, or nothing of a restricted one.
    const needed = (measure: Measure, link: MeasureLink): Needed | null => {
      if (!viewer.seesAny(measure, districts)) return null;
      const full = viewer.seesAllOf(measure, districts);
      return { measure, link, polarity: link.polarity ?? measure.polarity, audience: full ? Audience.FULL : Audience.PUBLIC };
    };
    const wanted = planLinks.flatMap((l) => {
      const measure = measureByCode.get(l.measureCode);
      const n = measure ? needed(measure, l) : null;
      return n ? [n] : [];
    });
    const missing = wanted.filter((n) => !stored.has(summaryKey(n.measure.code, n.polarity, n.audience)));
    const live = await this.liveFigures(missing, missing.length ? await districtsOf() : [], viewer);
    const figures = (n: Needed): MeasureFigures => {
      const key = summaryKey(n.measure.code, n.polarity, n.audience);
      const row = stored.get(key);
      return row ? figuresOf(row) : (live.get(key) as MeasureFigures);
    };

    const scoreMeasure = (measure: Measure, link: MeasureLink): ScorecardMeasure => {
      const n = needed(measure, link);
      if (!n) {
        return { measure, basis: link.basis, polarity: link.polarity ?? measure.polarity, latest: null, yearEarlier: null, changePercent: null, variation: Variation.INSUFFICIENT_DATA, points: 0, withheld: true };
      }
      return { measure, basis: link.basis, polarity: n.polarity, ...figures(n), withheld: false };
    };

    return {
      plan,
      priorities: planPriorities.map((priority) => {
        const seen = new Set<string>();
        const mine = planLinks.filter((l) => l.priorityId === priority.id && !seen.has(l.measureCode) && seen.add(l.measureCode));
        const { total, done, overdue, dropped } = tallies.get(priority.id) ?? { total: 0, done: 0, overdue: 0, dropped: 0 };
        return {
          priority,
          measures: mine.flatMap((l) => {
            const measure = measureByCode.get(l.measureCode);
            return measure ? [scoreMeasure(measure, l)] : [];
          }),
          actions: { total, done, overdue, open: total - done - overdue - dropped },
        };
      }),
    };
  }

  /** Figures charted from the rows, for measures with no stored summary. */
  private async liveFigures(missing: Needed[], districts: string[], viewer: Visibility): Promise<Map<string, MeasureFigures>> {
    const out = new Map<string, MeasureFigures>();
    if (!missing.length || !districts.length) {
      for (const n of missing) out.set(summaryKey(n.measure.code, n.polarity, n.audience), measureFigures(this.series, { ...n, districts, rows: [], population: new Map(), viewer }));
      return out;
    }
    const [rows, population] = await Promise.all([
      figureRows(this.ds, [...new Set(missing.map((n) => n.measure.code))], districts),
      this.series.population(districts),
    ]);
    const byMeasure = groupBy(rows, (r) => r.measureCode);
    for (const n of missing) {
      out.set(summaryKey(n.measure.code, n.polarity, n.audience), measureFigures(this.series, { ...n, districts, rows: byMeasure.get(n.measure.code) ?? [], population, viewer }));
    }
    return out;
  }
}
