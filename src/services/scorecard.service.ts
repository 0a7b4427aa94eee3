import type { DataSource } from 'typeorm';
import { groupBy } from '../analytics/group-by';
import type { Visibility } from '../auth/visibility';
import { tallyActions } from '../domain/action-tally';
import { todayIso } from '../domain/today';
import type { Polarity } from '../domain/enums';
import type { Measure, MeasureLink, Partnership } from '../entities';
import { notFound } from '../errors/hub-error';
import type { Scorecard, ScorecardMeasure } from '../graphql/types/scorecard.types';
import { Variation } from '../graphql/types/spc.types';
import { figureRows } from '../store/figure-rows';
import { Audience, figuresOf, storedSummaries, summaryKey } from './measure-summary.service';
import { currentPlan } from './partnership.service';
import type { PlanGraph } from './plan-graph.service';
import { measureFigures, type MeasureFigures } from './scorecard-measure';
import type { SeriesService } from './series.service';

// A scorecard is built from the plan graph the hub keeps in memory (see plan-graph.service.ts)
// and one statement: the partnership's stored summaries. A measure without a stored summary (none
// worked out yet, or the hub's small-count threshold differs from the one they were worked out
// with) is charted live from its rows instead: two more statements, the same figures.

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
  async scorecard(
    partnership: Partnership,
    planId: string | null,
    viewer: Visibility,
    graph: PlanGraph,
    today = todayIso(),
  ): Promise<Scorecard | null> {
    const plans = graph.plans.get(partnership.slug) ?? [];
    const plan = planId ? plans.find((p) => p.id === planId) : currentPlan(plans, today);
    if (planId && !plan) throw notFound('plan', 'plan');
    if (!plan) return null;
    const summaries = await storedSummaries(this.ds, partnership.slug);
    const planPriorities = graph.priorities.get(plan.id) ?? [];
    const linksOf = (priorityId: string): readonly MeasureLink[] => graph.links.get(priorityId) ?? [];
    const planLinks = planPriorities.flatMap((p) => linksOf(p.id));
    const districts = [...(graph.districts.get(partnership.slug) ?? [])];
    const measureByCode = graph.measures;
    const stored = new Map(
      summaries
        .filter((s) => s.audience === Audience.FULL || s.threshold === viewer.threshold)
        .map((s) => [summaryKey(s.measureCode, s.polarity, s.audience as Audience), s]),
    );

    // Who sees what: all of it (a member, the owner, or a public measure), the public version
    // of a suppressed measure, or nothing of a restricted one.
    const needed = (measure: Measure, link: MeasureLink): Needed | null => {
      if (!viewer.seesAny(measure, districts)) return null;
      const full = viewer.seesAllOf(measure, districts);
      return {
        measure,
        link,
        polarity: link.polarity ?? measure.polarity,
        audience: full ? Audience.FULL : Audience.PUBLIC,
      };
    };
    // What each link needs, worked out once: the figures to read, and then the rows to show.
    const neededBy = new Map(
      planLinks.map((l) => {
        const measure = measureByCode.get(l.measureCode);
        return [l, measure ? needed(measure, l) : null] as const;
      }),
    );
    const wanted = [...neededBy.values()].filter((n): n is Needed => n !== null);
    const missing = wanted.filter((n) => !stored.has(summaryKey(n.measure.code, n.polarity, n.audience)));
    const live = await this.liveFigures(missing, districts, viewer);
    const figures = (n: Needed): MeasureFigures => {
      const key = summaryKey(n.measure.code, n.polarity, n.audience);
      const row = stored.get(key);
      return row ? figuresOf(row) : (live.get(key) as MeasureFigures);
    };

    const scoreMeasure = (measure: Measure, link: MeasureLink): ScorecardMeasure => {
      const n = neededBy.get(link);
      if (!n) {
        return {
          measure,
          basis: link.basis,
          polarity: link.polarity ?? measure.polarity,
          latest: null,
          yearEarlier: null,
          changePercent: null,
          variation: Variation.INSUFFICIENT_DATA,
          points: 0,
          withheld: true,
        };
      }
      return { measure, basis: link.basis, polarity: n.polarity, ...figures(n), withheld: false };
    };

    return {
      plan,
      priorities: planPriorities.map((priority) => {
        const seen = new Set<string>();
        const mine = linksOf(priority.id).filter((l) => !seen.has(l.measureCode) && seen.add(l.measureCode));
        return {
          priority,
          measures: mine.flatMap((l) => {
            const measure = measureByCode.get(l.measureCode);
            return measure ? [scoreMeasure(measure, l)] : [];
          }),
          actions: tallyActions(graph.actions.get(priority.id) ?? [], today),
        };
      }),
    };
  }

  /** Figures charted from the rows, for measures with no stored summary. */
  private async liveFigures(
    missing: Needed[],
    districts: string[],
    viewer: Visibility,
  ): Promise<Map<string, MeasureFigures>> {
    const out = new Map<string, MeasureFigures>();
    if (!missing.length || !districts.length) {
      for (const n of missing)
        out.set(
          summaryKey(n.measure.code, n.polarity, n.audience),
          measureFigures(this.series, { ...n, districts, rows: [], population: new Map(), viewer }),
        );
      return out;
    }
    const [rows, population] = await Promise.all([
      figureRows(this.ds, [...new Set(missing.map((n) => n.measure.code))], districts),
      this.series.population(districts),
    ]);
    const byMeasure = groupBy(rows, (r) => r.measureCode);
    for (const n of missing) {
      out.set(
        summaryKey(n.measure.code, n.polarity, n.audience),
        measureFigures(this.series, { ...n, districts, rows: byMeasure.get(n.measure.code) ?? [], population, viewer }),
      );
    }
    return out;
  }
}
