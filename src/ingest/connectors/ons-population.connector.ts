import { AreaType } from '../../domain/enums';
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
import type { WholeDelivery } from '../whole-source';

// ONS mid-year population estimates into ons.population (period "2019": the estimate for 30 June
// 2019), for each area the hub knows. Two layouts, told apart by the header:
//
// - MYEB1: title rows, then ladcodeNN,lanameNN,country,sex,age,population_2011,...; one row per
//   district, sex and single year of age, summed over sex and age, every year it has.
// - persons by single year of age, one row per area with its total: lad_code,lad_name,
//   total_population,0,...,90+ (districts) or lsoa_code,lad_code,lad_name,lsoa_name,
//   total_population,... (LSOAs). One year, which only the file's name gives (mid2019 or
//   mid-2019, as ONS and those who reshape its files name them).
//
// Either file is whole for what it covers: every district the hub knows (a district file), or
// every LSOA of each district it names (an LSOA file). Areas the hub does not know (Scotland,
// Northern Ireland, districts of another year's codes) are left out and counted in the log.

const MEASURE = 'ons.population';
const YEAR_IN_NAME = /mid-?(\d{4})/i;

type Layout =
  | { kind: 'myeb1'; code: number; years: Array<{ index: number; year: string }> }
  | { kind: 'totals'; code: number; district: number | null; total: number; year: string; level: AreaType };

const norm = (f: string): string => f.trim().toLowerCase();

/** The layout a header row gives, or null when the row is not a header (a title row before it). */
function layoutOf(fields: string[], sourceName: string): Layout | null {
  const names = fields.map(norm);
  const code = names.findIndex((f) => /^ladcode\d\d$/.test(f));
  if (code !== -1) {
    const years = names.flatMap((f, index) => {
      const m = /^population_(\d{4})$/.exec(f);
      return m ? [{ index, year: m[1]! }] : [];
    });
    if (years.length === 0) throw new SourceFormatError('the population header has no population_YYYY columns');
    return { kind: 'myeb1', code, years };
  }
  const total = names.indexOf('total_population');
  if (total === -1) return null;
  const lsoa = names.indexOf('lsoa_code');
  const lad = names.indexOf('lad_code');
  if (lsoa === -1 && lad === -1)
    throw new SourceFormatError('the population header has total_population but neither lsoa_code nor lad_code');
  const year = YEAR_IN_NAME.exec(sourceName)?.[1];
  if (!year)
    throw new SourceFormatError(
      'a population file of totals does not say its year: its name must hold it as mid2019 or mid-2019',
    );
  return lsoa !== -1
    ? { kind: 'totals', code: lsoa, district: lad === -1 ? null : lad, total, year, level: AreaType.LSOA }
    : { kind: 'totals', code: lad, district: null, total, year, level: AreaType.DISTRICT };
}

/** What a file of this layout is the whole of, given the districts an LSOA file named. */
function wholeOf(layout: Layout, ctx: ConnectorContext, namedDistricts: Set<string>): WholeDelivery[] {
  const periods = layout.kind === 'myeb1' ? layout.years.map((y) => y.year) : [layout.year];
  const areas =
    layout.kind === 'totals' && layout.level === AreaType.LSOA
      ? [...namedDistricts].flatMap((d) =>
          ctx.areas.childrenOf(d).filter((c) => ctx.areas.get(c)?.type === AreaType.LSOA),
        )
      : ctx.areas
          .list()
          .filter((a) => a.type === AreaType.DISTRICT)
          .map((a) => a.code);
  return [{ measures: [MEASURE], areas, periods }];
}

export class OnsPopulationConnector implements Connector {
  readonly dataset = 'ons-population';

  async run(source: SourceText, ctx: ConnectorContext): Promise<ConnectorOutput> {
    let layout: Layout | null = null;
    const totals = new Map<string, number>();
    const rejected: RejectedInput[] = [];
    const namedDistricts = new Set<string>();
    const unknown = new Set<string>();
    let rowsRead = 0;
    for await (const rec of readCsv(source.chunks)) {
      if (!layout) {
        layout = layoutOf(rec.fields, source.name);
        continue; // the header, or a title row before it
      }
      if (rec.fields.length === 1 && rec.fields[0] === '') continue;
      rowsRead += 1;
      if (rowsRead % 10_000 === 0) ctx.progress(rowsRead);
      const area = (rec.fields[layout.code] ?? '').trim();
      if (layout.kind === 'totals' && layout.district !== null) {
        const district = (rec.fields[layout.district] ?? '').trim();
        if (ctx.areas.has(district)) namedDistricts.add(district);
      }
      if (!ctx.areas.has(area)) {
        unknown.add(area); // an area outside the hub's geography
        continue;
      }
      const values =
        layout.kind === 'myeb1'
          ? layout.years.map(({ index, year }) => ({
              year,
              column: `population_${year}`,
              n: parseNumber(rec.fields[index]),
            }))
          : [{ year: layout.year, column: 'total_population', n: parseNumber(rec.fields[layout.total]) }];
      const bad = values.find((v) => typeof v.n !== 'number' || !Number.isInteger(v.n) || v.n < 0);
      if (bad) {
        // The column's name, never what it held (the line itself is kept apart).
        rejected.push({ line: rec.line, reason: `the ${bad.column} is not a count`, raw: rec.raw });
        continue;
      }
      for (const { year, n } of values)
        totals.set(`${area}|${year}`, (totals.get(`${area}|${year}`) ?? 0) + (n as number));
    }
    if (!layout)
      throw new SourceFormatError(
        'no header row with a ladcodeNN column (MYEB1) or a total_population column: not an ONS population file',
      );
    ctx.progress(rowsRead);
    if (unknown.size)
      ctx.logger.info('population rows for areas the hub does not hold left out', { areas: unknown.size });
    const observations: ObservationInput[] = [...totals].map(([k, value]) => {
      const [areaCode, period] = k.split('|') as [string, string];
      return { measureCode: MEASURE, areaCode, period, value };
    });
    return { rowsRead, observations, rejected, areas: [], whole: wholeOf(layout, ctx, namedDistricts) };
  }
}
