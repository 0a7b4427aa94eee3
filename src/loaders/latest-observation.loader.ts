import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { placeholder, placeholders, rawRows } from '../store/sql';

export interface LatestValue {
  period: string;
  value: number | null;
}

/** The latest observation of one measure for each area (e.g. its population), one statement. */
export function latestObservationLoader(ds: DataSource, measureCode: string): DataLoader<string, LatestValue | null> {
  return new DataLoader<string, LatestValue | null>(async (codes) => {
    const sql = `
      SELECT o.area_code, o.period, o.value FROM observation o
      WHERE o.measure_code = ${placeholder(ds, 1)} AND o.area_code IN (${placeholders(ds, codes.length, 1)})
        AND o.withdrawn_at IS NULL
        AND o.period_start = (SELECT MAX(o2.period_start) FROM observation o2
                              WHERE o2.measure_code = o.measure_code AND o2.area_code = o.area_code
                                AND o2.withdrawn_at IS NULL)`;
    const rows = await rawRows<{ area_code: string; period: string; value: number | null }>(ds, sql, [
      measureCode,
      ...codes,
    ]);
    const byArea = new Map(rows.map((r) => [r.area_code, { period: r.period, value: r.value }]));
    return codes.map((c) => byArea.get(c) ?? null);
  });
}
