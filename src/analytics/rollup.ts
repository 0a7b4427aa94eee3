import { Frequency } from '../domain/enums';
import { monthRange, parsePeriod } from './period';

// Rolling figures up from a finer period to a coarser one, the one way that is right: counts
// are summed; rates are recomputed from summed numerators and denominators, never by adding or
// averaging rates. A coarser period is complete only when every finer period in it is present;
// an incomplete one is a gap, reported, never filled.

export interface Figure {
  period: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
}

export interface Gap {
  period: string;
  reason: string;
}

export interface RolledUp {
  points: Figure[];
  gaps: Gap[];
}

const ORDER: Frequency[] = [Frequency.MONTH, Frequency.QUARTER, Frequency.FINANCIAL_YEAR, Frequency.YEAR];

export class RollupError extends Error {}

/** The coarser period a month falls in. */
export function periodOf(month: string, to: Frequency): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  switch (to) {
    case Frequency.MONTH:
      return month;
    case Frequency.QUARTER:
      return `${y}-Q${Math.floor((m - 1) / 3) + 1}`;
    case Frequency.FINANCIAL_YEAR: {
      const start = m >= 4 ? y : y - 1;
      return `${start}/${String((start + 1) % 100).padStart(2, '0')}`;
    }
    case Frequency.YEAR:
      return String(y);
  }
}

/** The months of a period, in order. */
export function monthsOf(period: string): string[] {
  const span = parsePeriod(period);
  return monthRange(span.start.slice(0, 7), span.end.slice(0, 7));
}

export function canRollUp(from: Frequency, to: Frequency): boolean {
  if (from === to) return true;
  // Months roll up to everything; quarters to financial years (Q2 to Q1 of the next year) and
  // calendar years, whose bounds they share. Years of either kind roll up to nothing else.
  return from === Frequency.MONTH || (from === Frequency.QUARTER && to !== Frequency.MONTH);
}

/** The coarser period a period falls in (its first month decides: the rules above keep bounds aligned). */
function containing(period: string, to: Frequency): string {
  return periodOf(parsePeriod(period).start.slice(0, 7), to);
}

/** The periods of one frequency that make up a coarser period, in order. */
export function partsOf(period: string, from: Frequency): string[] {
  const parts: string[] = [];
  for (const month of monthsOf(period)) {
    const part = periodOf(month, from);
    if (parts[parts.length - 1] !== part) parts.push(part);
  }
  return parts;
}

/**
 * Rolls figures of one frequency up to another. `isCount` says whether values add up (counts)
 * or are rates that must be recomputed from numerators and denominators.
 */
export function rollUp(
  figures: Figure[],
  from: Frequency,
  to: Frequency,
  isCount: boolean,
  rateBase: number,
): RolledUp {
  if (from === to) return { points: [...figures].sort((a, b) => a.period.localeCompare(b.period)), gaps: [] };
  if (!canRollUp(from, to) || ORDER.indexOf(to) < ORDER.indexOf(from)) {
    throw new RollupError(`figures by ${from.toLowerCase()} cannot be rolled up to ${to.toLowerCase()}`);
  }
  const byPeriod = new Map(figures.map((f) => [f.period, f]));
  const targets = [...new Set(figures.map((f) => containing(f.period, to)))].sort();
  const points: Figure[] = [];
  const gaps: Gap[] = [];
  for (const target of targets) {
    const names = partsOf(target, from);
    const parts = names.map((p) => byPeriod.get(p));
    const missing = names.filter((_, i) => !parts[i] || parts[i]!.value === null);
    if (missing.length) {
      gaps.push({ period: target, reason: `incomplete: no figure for ${missing.join(', ')}` });
      continue;
    }
    const present = parts as Figure[];
    if (isCount) {
      points.push({
        period: target,
        value: present.reduce((n, f) => n + (f.value as number), 0),
        numerator: null,
        denominator: null,
      });
      continue;
    }
    if (present.some((f) => f.numerator === null || f.denominator === null)) {
      gaps.push({ period: target, reason: 'a rate without its numerator and denominator cannot be rolled up' });
      continue;
    }
    const numerator = present.reduce((n, f) => n + (f.numerator as number), 0);
    const denominator = present.reduce((n, f) => n + (f.denominator as number), 0);
    points.push({
      period: target,
      value: denominator ? (numerator / denominator) * rateBase : null,
      numerator,
      denominator,
    });
  }
  return { points, gaps };
}

/** Periods between two (inclusive) at one frequency, for reporting gaps in a series. */
export function periodsBetween(first: string, last: string, frequency: Frequency): string[] {
  const out: string[] = [];
  for (const month of monthRange(parsePeriod(first).start.slice(0, 7), parsePeriod(last).end.slice(0, 7))) {
    const p = periodOf(month, frequency);
    if (out[out.length - 1] !== p) out.push(p);
  }
  return out;
}
