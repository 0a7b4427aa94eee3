import { readCsv } from '../csv/csv-reader';
import { parseNumber } from './number-field';
import type {
  Connector,
  ConnectorContext,
  ConnectorOutput,
  ObservationInput,
  RejectedInput,
  SourceText,
} from '../connector';
import { SourceFormatError } from '../connector';

// ONS mid-year estimates in the MYEB1 layout: title rows, then a header
// ladcodeNN,lanameNN,country,sex,age,population_2011,...; one row per district, sex and single
// year of age. Summed over sex and age into ons.population for each district the hub knows
// and each year (period "2022": the estimate for 30 June 2022).

const MEASURE = 'ons.population';

export class OnsPopulationConnector implements Connector {
  readonly dataset = 'ons-population';

  async run(source: SourceText, ctx: ConnectorContext): Promise<ConnectorOutput> {
    let columns: { code: number; years: Array<{ index: number; year: string }> } | null = null;
    const totals = new Map<string, number>();
    const rejected: RejectedInput[] = [];
    let rowsRead = 0;
    for await (const rec of readCsv(source.chunks)) {
      if (!columns) {
        const code = rec.fields.findIndex((f) => /^ladcode\d\d$/.test(f.trim()));
        if (code === -1) continue; // a title row before the header
        const years = rec.fields.flatMap((f, index) => {
          const m = /^population_(\d{4})$/.exec(f.trim());
          return m ? [{ index, year: m[1]! }] : [];
        });
        if (years.length === 0) throw new SourceFormatError('the population header has no population_YYYY columns');
        columns = { code, years };
        continue;
      }
      if (rec.fields.length === 1 && rec.fields[0] === '') continue;
      rowsRead += 1;
      if (rowsRead % 10_000 === 0) ctx.progress(rowsRead);
      const area = (rec.fields[columns.code] ?? '').trim();
      if (!ctx.areas.has(area)) continue; // a district outside the hub's geography
      const values = columns.years.map(({ index, year }) => ({ year, n: parseNumber(rec.fields[index]) }));
      const bad = values.find((v) => typeof v.n !== 'number' || !Number.isInteger(v.n) || v.n < 0);
      if (bad) {
        rejected.push({
          line: rec.line,
          // The column's name, never what it held (the line itself is kept apart).
          reason: `the population_${bad.year} is not a count`,
          raw: rec.raw,
        });
        continue;
      }
      for (const { year, n } of values)
        totals.set(`${area}|${year}`, (totals.get(`${area}|${year}`) ?? 0) + (n as number));
    }
    if (!columns) throw new SourceFormatError('no header row with a ladcodeNN column: not an ONS MYEB1 file');
    ctx.progress(rowsRead);
    const observations: ObservationInput[] = [...totals].map(([k, value]) => {
      const [areaCode, period] = k.split('|') as [string, string];
      return { measureCode: MEASURE, areaCode, period, value };
    });
    // A population file is the whole of its years for every district the source covers.
    const whole = [{ measures: [MEASURE], areas: 'all' as const, periods: columns.years.map((y) => y.year) }];
    return { rowsRead, observations, rejected, areas: [], whole };
  }
}
