import { figureRows, type FigureRow } from '../store/figure-rows';
import { findIn } from '../store/hydrate';
import type { DataSource } from 'typeorm';
import { groupBy } from '../analytics/group-by';
import { parsePeriod } from '../analytics/period';
import type { Visibility } from '../auth/visibility';
import { periodsBetween, rollUp, RollupError, type Figure, type Gap } from '../analytics/rollup';
import type { SpcOptions } from '../analytics/spc';
import { Frequency, Unit } from '../domain/enums';
import { Area, Measure, Partnership, PartnershipArea } from '../entities';
import { badInput, notFound, withheld } from '../errors/hub-error';
import { periodBound } from '../errors/period-argument';
import type { Series, SeriesPoint } from '../graphql/types/series.types';
import { checkAreaCode } from './area.service';
import { chartFor, improvementOf } from './spc.service';

// A measure over time for one area, or for a partnership (the sum of its districts), rolled up
// to the frequency asked for, with rates per 1,000 population and the gaps said out loud.

export const POPULATION = 'ons.population';
const PER = 1000;

export interface SeriesArgs {
  measure: string;
  area?: string | null;
  partnership?: string | null;
  from?: string | null;
  to?: string | null;
  frequency?: Frequency | null;
  spc?: Pick<SpcOptions, 'ruleSet' | 'baselinePoints' | 'rebaseAt'>;
}

const bound = (period: string | null | undefined, argument: string, side: 'start' | 'end'): string | null =>
  period ? periodBound(period, argument, side) : null;

const isCount = (m: Measure): boolean => m.unit === Unit.COUNT;

const byStart = (a: string, b: string): number => parsePeriod(a).start.localeCompare(parsePeriod(b).start);

/** What a rate is per: 100 for a percentage, 1,000 or 100,000 for rates. */
export function rateBase(m: Measure): number {
  if (m.unit === Unit.PERCENTAGE) return 100;
  if (m.unit === Unit.RATE_PER_100000) return 100_000;
  return PER;
}

/** Population rows summed by year over the districts; a year missing any district is left out. */
export function populationByYear(rows: readonly FigureRow[], districts: readonly string[]): Map<string, number> {
  const mine = rows.filter((r) => districts.includes(r.areaCode) && r.value !== null);
  const out = new Map<string, number>();
  for (const [year, list] of groupBy(mine, (r) => r.period))
    if (list.length === districts.length)
      out.set(
        year,
        list.reduce((n, r) => n + (r.value as number), 0),
      );
  return out;
}

export interface SeriesCore {
  points: SeriesPoint[];
  gaps: Gap[];
  spcStart: number;
  spc: Series['spc'];
}

export interface SeriesInput {
  measure: Measure;
  districts: string[];
  combine: boolean;
  rows: FigureRow[];
  population: Map<string, number>;
  frequency: Frequency;
  from?: string | null;
  to?: string | null;
  spc?: SeriesArgs['spc'];
}
const figureOf = (o: FigureRow): Figure => ({
  period: o.period,
  value: o.value,
  numerator: o.numerator,
  denominator: o.denominator,
});

/** Sums districts period by period; a period missing any district is a gap. */
function combineDistricts(
  rows: FigureRow[],
  districts: string[],
  counts: boolean,
  base: number,
): { figures: Figure[]; gaps: Gap[] } {
  const byPeriod = groupBy(rows, (o) => o.period);
  const figures: Figure[] = [];
  const gaps: Gap[] = [];
  for (const [period, list] of [...byPeriod].sort(([a], [b]) => a.localeCompare(b))) {
    const missing = districts.filter((d) => !list.some((o) => o.areaCode === d && o.value !== null));
    if (missing.length) {
      gaps.push({ period, reason: `no figure for ${missing.join(', ')}` });
      continue;
    }
    const sum = (f: (o: FigureRow) => number | null): number | null =>
      list.some((o) => f(o) === null) ? null : list.reduce((n, o) => n + (f(o) as number), 0);
    if (counts) figures.push({ period, value: sum((o) => o.value), numerator: null, denominator: null });
    else {
      const numerator = sum((o) => o.numerator);
      const denominator = sum((o) => o.denominator);
      if (numerator === null || denominator === null)
        gaps.push({ period, reason: 'a rate without numerators and denominators cannot be summed over districts' });
      else
        figures.push({ period, value: denominator ? (numerator / denominator) * base : null, numerator, denominator });
    }
  }
  return { figures, gaps };
}

export class SeriesService {
  constructor(private readonly ds: DataSource) {}

  /** The series as the viewer may see it: FORBIDDEN for a restricted measure it may not see, small counts suppressed. */
  async series(args: SeriesArgs, viewer: Visibility): Promise<Series> {
    if (Boolean(args.area) === Boolean(args.partnership))
      throw badInput('Give exactly one of "area" and "partnership".');
    bound(args.from, 'from', 'start');
    bound(args.to, 'to', 'end');
    if (args.area) checkAreaCode(args.area, 'area');
    // Independent reads go together: on a networked store their round trips overlap.
    const [[measure], areas, partnerships, coverage] = await Promise.all([
      findIn(this.ds, Measure, 'code', [args.measure]),
      args.area ? findIn(this.ds, Area, 'code', [args.area]) : Promise.resolve([]),
      args.partnership ? findIn(this.ds, Partnership, 'slug', [args.partnership]) : Promise.resolve([]),
      args.partnership ? findIn(this.ds, PartnershipArea, 'partnershipSlug', [args.partnership]) : Promise.resolve([]),
    ]);
    if (!measure) throw notFound('measure', 'measure');
    const area: Area | null = areas[0] ?? null;
    const partnership: Partnership | null = partnerships[0] ?? null;
    if (args.area && !area) throw notFound('area', 'area');
    if (args.partnership && !partnership) throw notFound('partnership', 'partnership');
    const districts = area ? [area.code] : coverage.map((p) => p.areaCode).sort();
    if (!viewer.seesAny(measure, districts))
      throw withheld(measure.code, area ? area.code : `partnership ${partnership?.slug ?? ''}`);
    const [stored, population] = await Promise.all([
      figureRows(this.ds, [measure.code], districts),
      isCount(measure) ? this.population(districts) : Promise.resolve(new Map<string, number>()),
    ]);
    const rows = viewer.view(measure, stored);
    const core = this.build({
      measure,
      districts,
      combine: !area,
      rows,
      population,
      frequency: args.frequency ?? measure.frequency,
      from: args.from,
      to: args.to,
      spc: args.spc,
    });
    return { measure, area, partnership, frequency: args.frequency ?? measure.frequency, ...core };
  }

  /** The series from rows already read: combined over districts, rolled up, rated, charted. No I/O. */
  build(input: SeriesInput): SeriesCore {
    const { measure, frequency } = input;
    const from = bound(input.from, 'from', 'start');
    const to = bound(input.to, 'to', 'end');
    // A reversed range is a mistake, not an empty series: say so rather than answer nothing.
    if (from && to && from > to) throw badInput('"from" must not come after "to".', 'from');
    const rows = input.rows.filter((o) => (!from || o.periodStart >= from) && (!to || o.periodEnd <= to));
    // One district needs no combining: its figures are the partnership's, rates included.
    const combined =
      input.combine && input.districts.length > 1
        ? combineDistricts(rows, input.districts, isCount(measure), rateBase(measure))
        : { figures: rows.map(figureOf), gaps: [] as Gap[] };
    let rolled;
    try {
      rolled = rollUp(combined.figures, measure.frequency, frequency, isCount(measure), rateBase(measure));
    } catch (err) {
      if (err instanceof RollupError)
        throw badInput(
          `${measure.code} is published by ${measure.frequency.toLowerCase()}: ${err.message}.`,
          'frequency',
        );
      throw err;
    }
    // A point with no value (suppressed, or not published) is a gap in the series too.
    const valued = rolled.points.filter((p) => p.value !== null);
    const unvalued: Gap[] = rolled.points
      .filter((p) => p.value === null)
      .map((p) => ({ period: p.period, reason: 'no value: suppressed or not published' }));
    const gaps = this.allGaps(valued, [...combined.gaps, ...rolled.gaps, ...unvalued], frequency, input.from, input.to);
    const points = valued.map((p) => this.point(p, measure, input.population));
    const spcStart = this.spcStart(points, gaps);
    const spc = chartFor(
      points.slice(spcStart).map((p) => p.value as number),
      { ...input.spc, improvement: improvementOf(measure.polarity) },
    );
    return { points, gaps, spcStart, spc };
  }

  /** Gaps from combining and rolling up, and periods with no figure at all within the range. */
  private allGaps(
    points: Figure[],
    known: Gap[],
    frequency: Frequency,
    from?: string | null,
    to?: string | null,
  ): Gap[] {
    // The span runs from the earliest to the latest period anything is known of, points and
    // gaps alike: a year with no figure beyond the last complete one is a gap too.
    const spanned = [...points.map((p) => p.period), ...known.map((g) => g.period)].sort(byStart);
    const first = from ?? spanned[0];
    const last = to ?? spanned[spanned.length - 1];
    const gaps = new Map<string, Gap>();
    for (const g of known) if (!gaps.has(g.period)) gaps.set(g.period, g);
    if (first && last) {
      const present = new Set(points.map((p) => p.period));
      for (const p of periodsBetween(first, last, frequency))
        if (!present.has(p) && !gaps.has(p)) gaps.set(p, { period: p, reason: 'no figure' });
    }
    return [...gaps.values()].sort((a, b) => byStart(a.period, b.period));
  }

  /** Population by year, summed over the districts; a year missing any district is left out. */
  async population(districts: string[]): Promise<Map<string, number>> {
    return populationByYear(await figureRows(this.ds, [POPULATION], districts), districts);
  }

  private point(p: Figure, measure: Measure, population: Map<string, number>): SeriesPoint {
    if (!isCount(measure)) return { ...p, rate: p.value };
    const year = Number(parsePeriod(p.period).start.slice(0, 4));
    const years = [...population.keys()]
      .map(Number)
      .filter((y) => y <= year)
      .sort((a, b) => b - a);
    const people = years.length ? (population.get(String(years[0])) as number) : null;
    return {
      period: p.period,
      value: p.value,
      numerator: null,
      denominator: people,
      rate: people && p.value !== null ? (p.value / people) * PER : null,
    };
  }

  /** The chart starts after the last gap that falls between points (gaps before or after all points do not break it). */
  private spcStart(points: SeriesPoint[], gaps: Gap[]): number {
    if (points.length < 2) return 0;
    const first = parsePeriod(points[0]!.period).start;
    const last = parsePeriod(points[points.length - 1]!.period).start;
    const inside = gaps.map((g) => parsePeriod(g.period).start).filter((start) => start > first && start < last);
    if (!inside.length) return 0;
    const lastGap = inside[inside.length - 1]!;
    return points.findIndex((p) => parsePeriod(p.period).start > lastGap);
  }
}
