import { figureRows, type FigureRow } from '../store/figure-rows';
import { In, type DataSource } from 'typeorm';
import { changePercent, yearEarlier } from '../analytics/year-earlier';
import type { Visibility } from '../auth/visibility';
import { ActionStatus, type Polarity } from '../domain/enums';
import { Action, Measure, MeasureLink, PartnershipArea, Plan, Priority, type Partnership } from '../entities';
import { notFound } from '../errors/hub-error';
import type { Scorecard, ScorecardMeasure } from '../graphql/types/scorecard.types';
import { Variation } from '../graphql/types/spc.types';
import { isOverdue } from '../resolvers/action.resolver';
import { currentPlan } from './partnership.service';
import type { SeriesService } from './series.service';

// A scorecard reads everything it needs in a fixed number of statements (plans, priorities,
// links, measures, districts, observations, population, actions), however many measures and
// points there are, then builds each measure's series in memory with the series service.

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
    const [measures, observations, population] = await Promise.all([
      codes.length ? m.find(Measure, { where: { code: In(codes) } }) : Promise.resolve([]),
      figureRows(this.ds, codes, districts),
      districts.length ? this.series.population(districts) : Promise.resolve(new Map<string, number>()),
    ]);
    const measureByCode = new Map(measures.map((x) => [x.code, x]));
    const rowsByMeasure = new Map<string, FigureRow[]>();
    for (const o of observations) rowsByMeasure.set(o.measureCode, [...(rowsByMeasure.get(o.measureCode) ?? []), o]);

    const scoreMeasure = (measure: Measure, link: MeasureLink): ScorecardMeasure => {
      const polarity: Polarity = link.polarity ?? measure.polarity;
      if (!viewer.seesAny(measure, districts)) {
        return { measure, basis: link.basis, polarity, latest: null, yearEarlier: null, changePercent: null, variation: Variation.INSUFFICIENT_DATA, points: 0, withheld: true };
      }
      const core = this.series.build({
        measure: { ...measure, polarity }, districts, combine: true, rows: viewer.view(measure, rowsByMeasure.get(measure.code) ?? []),
        population: population, frequency: measure.frequency,
      });
      const latest = core.points[core.points.length - 1] ?? null;
      const earlier = latest ? (core.points.find((p) => p.period === yearEarlier(latest.period)) ?? null) : null;
      return {
        measure, basis: link.basis, polarity, latest, yearEarlier: earlier,
        changePercent: changePercent(latest?.value ?? null, earlier?.value ?? null),
        variation: core.spc.variation, points: core.points.length - core.spcStart, withheld: false,
      };
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
}
