import { readCsv, type CsvRecord } from '../csv/csv-reader';
import type {
  Connector,
  ConnectorContext,
  ConnectorOutput,
  ObservationInput,
  RejectedInput,
  SourceText,
} from '../connector';
import { SourceFormatError } from '../connector';
import { fingertipsPeriod } from './fingertips-period';
import { FingertipsScope } from './fingertips-whole';
import { parseNumber } from './number-field';

// OHID Fingertips all_data CSV (by_indicator_id). Columns are found by header name, never by
// position: the 23rd column's name and the presence of "Time period range" vary by export.
// Rows may be shorter than the header (the trailing "Compared to goal" is often absent).
// Kept: headline rows (no category breakdown), persons, the indicator's headline age band
// (the band most of its rows use), for areas the hub knows and indicators it measures.
// A file is the whole of each indicator's periods for the area types it holds: the whole-source
// guard compares it with what earlier files gave (fingertips-whole.ts says why that scope). A
// file holds many periods by design, so no row is "of another period" as in a police month; and
// each figure is one row's own value, never a total summed from rows, so a stray row cannot
// stand in for a period's whole figure.

const REQUIRED = ['Indicator ID', 'Area Code', 'Sex', 'Age', 'Category Type', 'Time period', 'Value'];
const SUPPRESSION = /suppress/i;

interface Candidate {
  rec: CsvRecord;
  indicator: string;
  age: string;
  obs: ObservationInput;
}

function columnIndex(header: string[]): Map<string, number> {
  const index = new Map(header.map((h, i) => [h.trim(), i]));
  const missing = REQUIRED.filter((c) => !index.has(c));
  if (missing.length)
    throw new SourceFormatError(
      `not a Fingertips all_data file: missing column(s) ${missing.map((c) => `"${c}"`).join(', ')}`,
    );
  return index;
}

function mostCommon(values: string[]): string | undefined {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0];
}

export class FingertipsConnector implements Connector {
  readonly dataset = 'fingertips';

  async run(source: SourceText, ctx: ConnectorContext): Promise<ConnectorOutput> {
    let col: Map<string, number> | null = null;
    let width = 0;
    const rejected: RejectedInput[] = [];
    const candidates: Candidate[] = [];
    const scope = new FingertipsScope(ctx.areas);
    let rowsRead = 0;
    for await (const rec of readCsv(source.chunks)) {
      if (!col) {
        col = columnIndex(rec.fields);
        width = rec.fields.length;
        continue;
      }
      if (rec.fields.length === 1 && rec.fields[0] === '') continue;
      rowsRead += 1;
      if (rowsRead % 10_000 === 0) ctx.progress(rowsRead);
      if (rec.fields.length > width) {
        rejected.push({
          line: rec.line,
          reason: `${rec.fields.length} fields, more than the header's ${width}`,
          raw: rec.raw,
        });
        continue;
      }
      const get = (name: string): string => (rec.fields[(col as Map<string, number>).get(name) ?? -1] ?? '').trim();
      const indicator = get('Indicator ID');
      const measureCode = `fingertips.${indicator}`;
      const measured = ctx.measures.has(measureCode);
      const areaCode = get('Area Code');
      // What the file is the whole of is read from every row of a hub measure, before any is
      // skipped or rejected (fingertips-whole.ts).
      if (measured) scope.sawArea(measureCode, get('Area Type'), areaCode);
      if (get('Category Type') !== '' || !['Persons', 'Not applicable'].includes(get('Sex'))) continue;
      const period = fingertipsPeriod(get('Time period'));
      if (measured && period) scope.sawPeriod(measureCode, period.period);
      if (!ctx.areas.has(areaCode)) continue; // outside the hub's geography
      if (!measured) {
        rejected.push({
          line: rec.line,
          // Reasons name the column, never what it held (the line itself is kept apart).
          reason: 'the Indicator ID is not a hub measure (measures are added in data/reference/measures)',
          raw: rec.raw,
        });
        continue;
      }
      if (!period) {
        rejected.push({
          line: rec.line,
          reason: 'the Time period is not one the hub can place',
          raw: rec.raw,
        });
        continue;
      }
      const numbers = ['Value', 'Count', 'Denominator', 'Lower CI 95.0 limit', 'Upper CI 95.0 limit'].map(
        (c) => [c, parseNumber(get(c))] as const,
      );
      const bad = numbers.find(([, v]) => v === 'invalid');
      if (bad) {
        rejected.push({ line: rec.line, reason: `the ${bad[0]} is not a number`, raw: rec.raw });
        continue;
      }
      const [value, count, denominator, lower, upper] = numbers.map(([, v]) => v as number | null);
      const valueNote = get('Value note');
      const note = [period.note, valueNote || null].filter(Boolean).join('; ') || null;
      candidates.push({
        rec,
        indicator,
        age: get('Age'),
        obs: {
          measureCode,
          areaCode,
          period: period.period,
          value: value ?? null,
          numerator: count ?? null,
          denominator: denominator ?? null,
          lowerCi: lower ?? null,
          upperCi: upper ?? null,
          note,
          suppressed: (value ?? null) === null && SUPPRESSION.test(valueNote),
        },
      });
    }
    if (!col) throw new SourceFormatError('the file is empty: no header');
    ctx.progress(rowsRead);
    return {
      rowsRead,
      observations: this.headline(candidates, rejected),
      rejected,
      areas: [],
      whole: scope.whole(),
    };
  }

  /** One figure per measure, area and period: the headline age band's. */
  private headline(candidates: Candidate[], rejected: RejectedInput[]): ObservationInput[] {
    const ageOf = new Map<string, string | undefined>();
    for (const indicator of new Set(candidates.map((c) => c.indicator))) {
      ageOf.set(indicator, mostCommon(candidates.filter((c) => c.indicator === indicator).map((c) => c.age)));
    }
    const seen = new Set<string>();
    const out: ObservationInput[] = [];
    for (const c of candidates) {
      if (c.age !== ageOf.get(c.indicator)) continue;
      const key = `${c.obs.measureCode}|${c.obs.areaCode}|${c.obs.period}`;
      if (seen.has(key)) {
        rejected.push({
          line: c.rec.line,
          reason: `a second row for ${c.obs.measureCode} in ${c.obs.areaCode} for ${c.obs.period}`,
          raw: c.rec.raw,
        });
        continue;
      }
      seen.add(key);
      out.push({ ...c.obs, line: c.rec.line, raw: c.rec.raw });
    }
    return out;
  }
}
