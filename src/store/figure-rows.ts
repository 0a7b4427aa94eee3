import type { DataSource } from 'typeorm';
import type { FigureFields } from '../auth/visibility';
import { placeholders, rawRows } from './sql';

// The figures a series, scorecard, comparison or alert check needs, read as plain rows: no
// entity is built for each of hundreds of observations, only the columns the sums use.

export interface FigureRow extends FigureFields {
  measureCode: string;
  period: string;
  periodStart: string;
  periodEnd: string;
}

interface Raw {
  measure_code: string;
  area_code: string;
  period: string;
  period_start: string;
  period_end: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  lower_ci: number | null;
  upper_ci: number | null;
  suppressed: boolean | number;
  note: string | null;
}

/** Observations of these measures in these areas, oldest period first. */
export async function figureRows(
  ds: DataSource,
  measureCodes: readonly string[],
  areaCodes: readonly string[],
): Promise<FigureRow[]> {
  if (!measureCodes.length || !areaCodes.length) return [];
  const sql = `SELECT measure_code, area_code, period, period_start, period_end, value, numerator, denominator, lower_ci, upper_ci, suppressed, note
    FROM observation WHERE measure_code IN (${placeholders(ds, measureCodes.length)}) AND area_code IN (${placeholders(ds, areaCodes.length, measureCodes.length)})
    AND withdrawn_at IS NULL
    ORDER BY period_start, measure_code, area_code`;
  const rows = await rawRows<Raw>(ds, sql, [...measureCodes, ...areaCodes]);
  return rows.map((r) => ({
    measureCode: r.measure_code,
    areaCode: r.area_code,
    period: r.period,
    periodStart: r.period_start,
    periodEnd: r.period_end,
    value: r.value,
    numerator: r.numerator,
    denominator: r.denominator,
    lowerCi: r.lower_ci,
    upperCi: r.upper_ci,
    // SQLite has no boolean type: it answers 0 or 1.
    suppressed: r.suppressed === true || r.suppressed === 1,
    note: r.note,
  }));
}
