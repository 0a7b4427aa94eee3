// XmR (individuals) charts and their signals, with the rules docs/spc.md sets out.
// Pure: numbers in, chart out. Indices are 0-based positions in the whole series.

export type RuleSet = 'PLAN' | 'MAKING_DATA_COUNT';
export type Rule = 'OUTSIDE_LIMITS' | 'TREND' | 'RUN' | 'ALTERNATING' | 'CLOSE_TO_LIMIT';
export type Direction = 'HIGH' | 'LOW';
export type Variation = 'IMPROVEMENT' | 'CONCERN' | 'COMMON_CAUSE' | 'NO_JUDGEMENT' | 'INSUFFICIENT_DATA';
export type Improvement = 'INCREASE' | 'DECREASE' | 'NEUTRAL';

export interface Signal {
  rule: Rule;
  /** null for alternation, which is neither high nor low. */
  direction: Direction | null;
  indices: number[];
}

export interface Segment {
  start: number;
  end: number;
  baselinePoints: number;
  /** Fewer than 12 baseline points: the limits are trial limits. */
  trial: boolean;
  mean: number;
  /** Null below 2 baseline points, as are the limits and sigma lines. */
  mrBar: number | null;
  ucl: number | null;
  lcl: number | null;
  upperTwoSigma: number | null;
  lowerTwoSigma: number | null;
  upperOneSigma: number | null;
  lowerOneSigma: number | null;
}

export interface SpcOptions {
  ruleSet?: RuleSet;
  /** Fix the centre line and limits on the first B points of each segment. */
  baselinePoints?: number | null;
  /** Indices at which a new segment starts. */
  rebaseAt?: number[];
  improvement?: Improvement;
  /** Moving-range screening (off by default in the hub). */
  screening?: boolean;
}

export interface SpcChart {
  segments: Segment[];
  signals: Signal[];
  /** The deciding signal's direction at each point, or null (common cause). */
  pointDirection: Array<Direction | null>;
  /** What each point's deciding signal means for the measure. */
  pointVariation: Variation[];
  variation: Variation;
}

export class SpcInputError extends Error {}

export const LIMIT_CONSTANT = 2.66;
export const SCREENING_CONSTANT = 3.267;
export const TRIAL_BELOW = 12;

interface Profile {
  trend: number;
  run: number;
  alternation: number | null;
  close: 'THREE_IN_SUCCESSION' | 'TWO_OF_THREE';
}

const PROFILES: Record<RuleSet, Profile> = {
  PLAN: { trend: 6, run: 8, alternation: 14, close: 'THREE_IN_SUCCESSION' },
  MAKING_DATA_COUNT: { trend: 7, run: 7, alternation: null, close: 'TWO_OF_THREE' },
};

/** "On" a line within floating-point noise (spc.md section 5). */
function on(value: number, line: number): boolean {
  return Math.abs(value - line) <= 1e-9 * Math.max(1, Math.abs(value), Math.abs(line));
}

const above = (v: number, line: number): boolean => v > line && !on(v, line);
const below = (v: number, line: number): boolean => v < line && !on(v, line);

function segmentStats(
  values: number[],
  start: number,
  end: number,
  baseline: number | null,
  screening: boolean,
): Segment {
  const b = baseline ? Math.min(baseline, end - start + 1) : end - start + 1;
  const base = values.slice(start, start + b);
  const mean = base.reduce((n, v) => n + v, 0) / b;
  const none = {
    mrBar: null,
    ucl: null,
    lcl: null,
    upperTwoSigma: null,
    lowerTwoSigma: null,
    upperOneSigma: null,
    lowerOneSigma: null,
  };
  if (b < 2) return { start, end, baselinePoints: b, trial: true, mean, ...none };
  const ranges = base.slice(1).map((v, i) => Math.abs(v - (base[i] as number)));
  let mrBar = ranges.reduce((n, r) => n + r, 0) / ranges.length;
  if (screening && mrBar > 0) {
    const kept = ranges.filter((r) => r < SCREENING_CONSTANT * mrBar);
    mrBar = kept.length ? kept.reduce((n, r) => n + r, 0) / kept.length : 0;
  }
  const limit = LIMIT_CONSTANT * mrBar;
  const sigma = limit / 3;
  return {
    start,
    end,
    baselinePoints: b,
    trial: b < TRIAL_BELOW,
    mean,
    mrBar,
    ucl: mean + limit,
    lcl: mean - limit,
    upperTwoSigma: mean + 2 * sigma,
    lowerTwoSigma: mean - 2 * sigma,
    upperOneSigma: mean + sigma,
    lowerOneSigma: mean - sigma,
  };
}

/** Maximal stretches of consecutive indices where `key` is the same non-zero value. */
function stretches(
  from: number,
  to: number,
  key: (i: number) => number,
  continues: (i: number) => boolean = () => true,
): Array<{ start: number; end: number; key: number }> {
  const out: Array<{ start: number; end: number; key: number }> = [];
  let start = from;
  for (let i = from + 1; i <= to + 1; i += 1) {
    if (i <= to && key(i) === key(start) && continues(i)) continue;
    if (key(start) !== 0) out.push({ start, end: i - 1, key: key(start) });
    start = i;
  }
  return out;
}

type Flags = Map<string, Set<number>>;

function flag(flags: Flags, rule: Rule, direction: Direction | null, indices: Iterable<number>): void {
  const k = `${rule}|${direction ?? ''}`;
  const set = flags.get(k) ?? new Set<number>();
  for (const i of indices) set.add(i);
  flags.set(k, set);
}

const range = (a: number, b: number): number[] => Array.from({ length: b - a + 1 }, (_, i) => a + i);
const dir = (k: number): Direction => (k > 0 ? 'HIGH' : 'LOW');

function evaluate(values: number[], s: Segment, p: Profile, flags: Flags, trendStart: Map<number, Direction>): void {
  if (s.ucl === null || s.lcl === null || s.upperTwoSigma === null || s.lowerTwoSigma === null) return;
  const { start, end, mean, ucl, lcl } = s;
  const up2 = s.upperTwoSigma;
  const lo2 = s.lowerTwoSigma;
  const v = (i: number): number => values[i] as number;
  const side = (i: number): number => (above(v(i), mean) ? 1 : below(v(i), mean) ? -1 : 0);

  for (let i = start; i <= end; i += 1) {
    if (above(v(i), ucl)) flag(flags, 'OUTSIDE_LIMITS', 'HIGH', [i]);
    else if (below(v(i), lcl)) flag(flags, 'OUTSIDE_LIMITS', 'LOW', [i]);
  }

  // Trends: strictly rising (or falling) stretches; a tie ends one; a turning point is in both,
  // and means the direction of the trend that starts at it.
  for (const [sign, d] of [
    [1, 'HIGH'],
    [-1, 'LOW'],
  ] as const) {
    const close = (first: number, last: number): void => {
      if (last - first + 1 < p.trend) return;
      flag(flags, 'TREND', d, range(first, last));
      for (let k = first; k <= last; k += 1) if (k === first || !trendStart.has(k)) trendStart.set(k, d);
    };
    let first = start;
    for (let i = start + 1; i <= end; i += 1) {
      if (Math.sign(v(i) - v(i - 1)) === sign) continue;
      close(first, i - 1);
      first = i;
    }
    close(first, end);
  }

  for (const r of stretches(start, end, side)) {
    if (r.end - r.start + 1 >= p.run) flag(flags, 'RUN', dir(r.key), range(r.start, r.end));
  }

  if (p.alternation !== null) {
    const alternates = stretches(
      start,
      end,
      (i) => (side(i) === 0 ? 0 : 1),
      (i) => side(i) === -side(i - 1),
    );
    for (const r of alternates)
      if (r.end - r.start + 1 >= p.alternation) flag(flags, 'ALTERNATING', null, range(r.start, r.end));
  }

  const beyond = (i: number): number => (above(v(i), up2) ? 1 : below(v(i), lo2) ? -1 : 0);
  if (p.close === 'THREE_IN_SUCCESSION') {
    for (const r of stretches(start, end, beyond))
      if (r.end - r.start + 1 >= 3) flag(flags, 'CLOSE_TO_LIMIT', dir(r.key), range(r.start, r.end));
  } else {
    for (let i = start; i + 2 <= end; i += 1) {
      const window = [i, i + 1, i + 2];
      const s0 = side(i);
      if (s0 === 0 || window.some((k) => side(k) !== s0)) continue;
      const far = window.filter((k) => beyond(k) === s0);
      if (far.length >= 2) flag(flags, 'CLOSE_TO_LIMIT', dir(s0), far);
    }
  }
}

function segmentBounds(n: number, rebaseAt: number[]): Array<[number, number]> {
  const starts = [0, ...[...new Set(rebaseAt)].filter((k) => k > 0 && k < n).sort((a, b) => a - b)];
  return starts.map((s, i) => [s, (starts[i + 1] ?? n) - 1]);
}

/** The signal that decides a point's meaning: outside limits, then trend, close-to-limit, run. */
function deciding(i: number, flags: Flags, trendStart: Map<number, Direction>): Direction | null {
  const has = (rule: Rule, d: Direction): boolean => flags.get(`${rule}|${d}`)?.has(i) ?? false;
  for (const rule of ['OUTSIDE_LIMITS', 'TREND', 'CLOSE_TO_LIMIT', 'RUN'] as const) {
    const high = has(rule, 'HIGH');
    const low = has(rule, 'LOW');
    if (rule === 'TREND' && high && low) return trendStart.get(i) ?? 'HIGH';
    if (high) return 'HIGH';
    if (low) return 'LOW';
  }
  return null;
}

/** What a signal's direction means for a measure: improvement, concern, or no judgement. */
export function signalMeaning(d: Direction | null, improvement: Improvement): Variation {
  if (d === null) return 'COMMON_CAUSE';
  if (improvement === 'NEUTRAL') return 'NO_JUDGEMENT';
  return (d === 'HIGH') === (improvement === 'INCREASE') ? 'IMPROVEMENT' : 'CONCERN';
}

export function spcChart(values: number[], options: SpcOptions = {}): SpcChart {
  if (values.some((v) => !Number.isFinite(v))) throw new SpcInputError('every value must be a finite number');
  if (
    options.baselinePoints !== undefined &&
    options.baselinePoints !== null &&
    (!Number.isInteger(options.baselinePoints) || options.baselinePoints < 2)
  ) {
    throw new SpcInputError('baselinePoints must be a whole number of 2 or more');
  }
  for (const k of options.rebaseAt ?? []) {
    if (!Number.isInteger(k) || k <= 0 || k >= values.length)
      throw new SpcInputError(`rebaseAt ${k} is not an index between 1 and ${values.length - 1}`);
  }
  const profile = PROFILES[options.ruleSet ?? 'PLAN'];
  const segments =
    values.length === 0
      ? []
      : segmentBounds(values.length, options.rebaseAt ?? []).map(([s, e]) =>
          segmentStats(values, s, e, options.baselinePoints ?? null, options.screening ?? false),
        );
  const flags: Flags = new Map();
  const trendStart = new Map<number, Direction>();
  for (const s of segments) evaluate(values, s, profile, flags, trendStart);
  const signals: Signal[] = [...flags].map(([k, set]) => {
    const [rule, d] = k.split('|') as [Rule, string];
    return { rule, direction: d === '' ? null : (d as Direction), indices: [...set].sort((a, b) => a - b) };
  });
  const order: Rule[] = ['OUTSIDE_LIMITS', 'TREND', 'RUN', 'ALTERNATING', 'CLOSE_TO_LIMIT'];
  signals.sort(
    (a, b) => order.indexOf(a.rule) - order.indexOf(b.rule) || (a.direction ?? '').localeCompare(b.direction ?? ''),
  );
  const pointDirection = values.map((_, i) => deciding(i, flags, trendStart));
  const last = segments[segments.length - 1];
  const variation: Variation =
    !last || last.ucl === null
      ? 'INSUFFICIENT_DATA'
      : signalMeaning(pointDirection[values.length - 1] ?? null, options.improvement ?? 'NEUTRAL');
  const pointVariation = pointDirection.map((d) => signalMeaning(d, options.improvement ?? 'NEUTRAL'));
  return { segments, signals, pointDirection, pointVariation, variation };
}
