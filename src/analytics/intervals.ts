// 95% confidence intervals the way Public Health England's fingertips tools compute them:
// Byar's approximation for a count (Poisson), Wilson's score interval for a proportion.
// Two areas differ significantly when their intervals do not overlap (PHE's usual reading).

export const Z95 = 1.959963984540054;

export interface Interval {
  lower: number;
  upper: number;
}

/** Byar's interval for an observed count O (events). */
export function byar(observed: number, z = Z95): Interval {
  const lower = observed === 0 ? 0 : observed * (1 - 1 / (9 * observed) - z / (3 * Math.sqrt(observed))) ** 3;
  const next = observed + 1;
  return { lower, upper: next * (1 - 1 / (9 * next) + z / (3 * Math.sqrt(next))) ** 3 };
}

/** A crude rate per `base` of a count over a population, with Byar's interval scaled alike. */
export function rateInterval(count: number, population: number, base: number): Interval & { rate: number } {
  const { lower, upper } = byar(count);
  return { rate: (count / population) * base, lower: (lower / population) * base, upper: (upper / population) * base };
}

/** Wilson's score interval for x of n, as a proportion of `base` (100 for a percentage). */
export function wilson(x: number, n: number, base = 100, z = Z95): Interval {
  const p = x / n;
  const centre = p + (z * z) / (2 * n);
  const spread = z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n));
  const scale = 1 + (z * z) / n;
  return {
    lower: (Math.max(centre - spread, 0) / scale) * base,
    upper: (Math.min(centre + spread, scale) / scale) * base,
  };
}

export type Significance = 'HIGHER' | 'LOWER' | 'SIMILAR' | 'NOT_COMPARED';

/** How `a` compares with `b`: higher or lower when the intervals do not overlap, else similar. */
export function compareIntervals(a: Interval | null, b: Interval | null): Significance {
  if (!a || !b) return 'NOT_COMPARED';
  if (a.lower > b.upper) return 'HIGHER';
  if (a.upper < b.lower) return 'LOWER';
  return 'SIMILAR';
}
