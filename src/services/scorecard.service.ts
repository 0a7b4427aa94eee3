import { In, type DataSource } from 'typeorm';
import type { Visibility } from '../auth/visibility';
import { ActionStatus, MeasureAccess, type Polarity } from '../domain/enums';
import { Action, Measure, MeasureLink, MeasureSummary, PartnershipArea, Plan, Priority, type Partnership } from '../entities';
import { notFound } from '../errors/hub-error';
import type { Scorecard, ScorecardMeasure } from '../graphql/types/scorecard.types';
import { Variation } from '../graphql/types/spc.types';
import { isOverdue } from '../resolvers/action.resolver';
import { figureRows, type FigureRow } from '../store/figure-rows';
import { Audience, figuresOf, summaryKey } from './measure-summary.service';
import { currentPlan } from './partnership.service';
import { measureFigures, type MeasureFigures } from './scorecard-measure';
import type { SeriesService } from './series.service';

// A scorecard reads its plan, priorities, links, districts, actions, measures and their stored
// summaries in a fixed number of statements, however many measures and points there are.
// A measure without a stored summary (none worked out yet, or the hub's small-count threshold
// differs from the one they were worked out with) is charted live from its rows instead: two
// more statements, the same figures.

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
    const m = this.ds.manager;
    const plans = await m.find(Plan, { where: { partnershipSlug: partnership.slug }, order: { periodStart: 'ASC' } });
    const plan = planId ? plans.find((p) => p.id === planId) : currentPlan(plans, today);
    if (planId && !plan) throw notFound('plan', planId);
    if (!plan) return null;
    const priorities = await m.find(Priority, { where: { planId: plan.id }, order: { position: 'ASC' } });
    const priorityIds = priorities.map((p) => p.id);
    const [links, districts, actions] = await Promise.all([
      priorityIds.length ? m.find(MeasureLink, { where: { priorityId: In(priorityIds) }, order: { position: 'ASC' } }) : Promise.resolve([]),
      m.find(PartnershipArea, { where: { partnershipSlug: partnership.slug } }).then((rows) => rows.map((r) => r.areaCode).sort()),
      m.find(Action, { where: { planId: plan.id } }),
    ]);
    const codes = [...new Set(links.map((l) => l.measureCode))];
    const [measures, summaries] = await Promise.all([
      codes.length ? m.find(Measure, { where: { code: In(codes) } }) : Promise.resolve([]),
      codes.length ? m.find(MeasureSummary, { where: { partnershipSlug: partnership.slug, measureCode: In(codes) } }) : Promise.resolve([]),
    ]);
    const measureByCode = new Map(measures.map((x) => [x.code, x]));
    const stored = new Map(summaries.filter((s) => s.audience === Audience.FULL || s.threshold === viewer.threshold).map((s) => [summaryKey(s.measureCode, s.polarity, s.audience as Audience), s]));

    // Who sees what: all of it (a member, the owner, or a public measure), the public version
    // of a suppressed measure, or nothing of a restricted one.
    const needed = (measure: Measure, link: MeasureLink): Needed | null => {
      if (!viewer.seesAny(measure, districts)) return null;
      const full = measure.access === MeasureAccess.PUBLIC || districts.every((d) => viewer.seesAll(measure, d));
      return { measure, link, polarity: link.polarity ?? measure.polarity, audience: full ? Audience.FULL : Audience.PUBLIC };
    };
    const wanted = links.flatMap((l) => {
      const measure = measureByCode.get(l.measureCode);
      const n = measure ? needed(measure, l) : null;
      return n ? [n] : [];
    });
    const live = await this.liveFigures(wanted.filter((n) => !stored.has(summaryKey(n.measure.code, n.polarity, n.audience))), districts, viewer);
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
      priorities: priorities.map((priority) => {
        const seen = new Set<string>();
        const mine = links.filter((l) => l.priorityId === priority.id && !seen.has(l.measureCode) && seen.add(l.measureCode));
        const own = actions.filter((a) => a.priorityId === priority.id);
        const done = own.filter((a) => a.status === ActionStatus.DONE).length;
        const overdue = own.filter((a) => isOverdue(a, today)).length;
        const dropped = own.filter((a) => a.status === ActionStatus.DROPPED).length;
        return {
          priority,
          measures: mine.flatMap((l) => {
            const measure = measureByCode.get(l.measureCode);
            return measure ? [scoreMeasure(measure, l)] : [];
          }),
          actions: { total: own.length, done, overdue, open: own.length - done - overdue - dropped },
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
    const byMeasure = new Map<string, FigureRow[]>();
    for (const r of rows) {
      const list = byMeasure.get(r.measureCode);
      if (list) list.push(r);
      else byMeasure.set(r.measureCode, [r]);
    }
    for (const n of missing) {
      out.set(summaryKey(n.measure.code, n.polarity, n.audience), measureFigures(this.series, { ...n, districts, rows: byMeasure.get(n.measure.code) ?? [], population, viewer }));
    }
    return out;
  }
}
