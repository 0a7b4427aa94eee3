import { changePercent, yearEarlier } from '../analytics/year-earlier';
import type { Visibility } from '../auth/visibility';
import type { Polarity } from '../domain/enums';
import type { Measure } from '../entities';
import type { SeriesPoint } from '../graphql/types/series.types';
import type { Variation } from '../graphql/types/spc.types';
import type { FigureRow } from '../store/figure-rows';
import type { SeriesService } from './series.service';

// One measure as a scorecard shows it, from rows already read: the partnership's series (its
// districts summed) as the viewer may see it, its latest point, the same period a year
// earlier, the change, and the SPC variation judged by the polarity the plan gives it.
// No I/O: the scorecard uses it live, and the summary refresh stores its results.

export interface MeasureFigures {
  latest: SeriesPoint | null;
  yearEarlier: SeriesPoint | null;
  changePercent: number | null;
  variation: Variation;
  points: number;
}

export interface MeasureFiguresInput {
  measure: Measure;
  polarity: Polarity;
  districts: string[];
  rows: FigureRow[];
  population: Map<string, number>;
  viewer: Visibility;
}

export function measureFigures(series: SeriesService, input: MeasureFiguresInput): MeasureFigures {
  const { measure, polarity, districts } = input;
  const core = series.build({
    measure: { ...measure, polarity },
    districts,
    combine: true,
    rows: input.viewer.view(measure, input.rows),
    population: input.population,
    frequency: measure.frequency,
  });
  const latest = core.points[core.points.length - 1] ?? null;
  const earlier = latest ? (core.points.find((p) => p.period === yearEarlier(latest.period)) ?? null) : null;
  return {
    latest,
    yearEarlier: earlier,
    changePercent: changePercent(latest?.value ?? null, earlier?.value ?? null),
    variation: core.spc.variation,
    points: core.points.length - core.spcStart,
  };
}
