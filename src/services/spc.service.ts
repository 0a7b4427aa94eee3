import { spcChart, SpcInputError, type Improvement, type SpcOptions } from '../analytics/spc';
import { Polarity } from '../domain/enums';
import { badInput } from '../errors/hub-error';
import type { SignalDirection, SpcChartResult, SpcRule, Variation } from '../graphql/types/spc.types';

export const MAX_SPC_POINTS = 10_000;

export function improvementOf(polarity: Polarity | null | undefined): Improvement {
  if (polarity === Polarity.HIGHER_IS_BETTER) return 'INCREASE';
  if (polarity === Polarity.LOWER_IS_BETTER) return 'DECREASE';
  return 'NEUTRAL';
}

/** An SPC chart for GraphQL: input checked, errors as BAD_USER_INPUT, top level = last segment. */
export function chartFor(values: number[], options: SpcOptions): SpcChartResult {
  if (values.length > MAX_SPC_POINTS) throw badInput(`"values" may hold at most ${MAX_SPC_POINTS} points.`, 'values');
  let chart;
  try {
    chart = spcChart(values, options);
  } catch (err) {
    if (err instanceof SpcInputError) throw badInput(err.message);
    throw err;
  }
  const last = chart.segments[chart.segments.length - 1];
  return {
    mean: last?.mean ?? null,
    mrBar: last?.mrBar ?? null,
    ucl: last?.ucl ?? null,
    lcl: last?.lcl ?? null,
    segments: chart.segments,
    signals: chart.signals.map((s) => ({
      rule: s.rule as SpcRule,
      direction: s.direction as SignalDirection | null,
      indices: s.indices,
    })),
    variation: chart.variation as Variation,
    pointVariation: chart.pointVariation as Variation[],
  };
}
