import { AreaType } from '../../domain/enums';
import { readCsv } from '../csv/csv-reader';
import type { AreaInput, Connector, ConnectorContext, ConnectorOutput, RejectedInput, SourceText } from '../connector';
import { SourceFormatError } from '../connector';
import type { WholeDelivery } from '../whole-source';
import { ALL_CRIME, CRIME_TYPES, CrimeTally, crimeMeasure } from './crime-tally';
import { forceFromFileName, forceNamed, monthFromFileName, type PoliceForce } from './police-forces';

// data.police.uk monthly street-level CSV (YYYY-MM-<force>-street.csv), counted by month and
// crime type into: the force's police force area (every row), each district of that force
// (rows whose LSOA falls in it), and each LSOA of a partnership's district. Rows snapped into
// a neighbouring force's district count in the force total only, so two force files never
// overwrite each other's district figures. An area that appears in a month gets every crime
// type, zero where it had no rows; an area the file does not mention gets nothing (a real
// force file mentions all its districts, an extract may not).

export const STREET_HEADER = [
  'Crime ID',
  'Month',
  'Reported by',
  'Falls within',
  'Longitude',
  'Latitude',
  'Location',
  'LSOA code',
  'LSOA name',
  'Crime type',
  'Last outcome category',
  'Context',
];

export { ALL_CRIME, CRIME_TYPES, crimeMeasure };

const MEASURE_OF = new Map(CRIME_TYPES.map((t) => [t, crimeMeasure(t)]));
const COL = Object.fromEntries(STREET_HEADER.map((h, i) => [h, i])) as Record<string, number>;
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/**
 * Refuses a header that is not the street-level header. The error names the expected columns
 * that are not where they should be and how many columns there were, never the header itself:
 * a file given by mistake (a password file, say) would otherwise publish its first line in the
 * run's error. The header as read goes to the server log only.
 */
function checkHeader(fields: string[]): void {
  const trimmed = fields.map((f) => f.trim());
  if (trimmed.length === STREET_HEADER.length && trimmed.every((f, i) => f === STREET_HEADER[i])) return;
  const misplaced = STREET_HEADER.filter((h, i) => trimmed[i] !== h);
  const which =
    misplaced.length === STREET_HEADER.length
      ? 'none of the expected columns in its place'
      : `${misplaced.map((h) => `"${h}"`).join(', ')} not in ${misplaced.length === 1 ? 'its place' : 'their places'}`;
  throw new SourceFormatError(
    `the street-level file's header has changed: expected "${STREET_HEADER.join(',')}"; found ${fields.length} column(s), ${which}`,
    `the header read: ${fields.join(',')}`,
  );
}

export interface PoliceStreetOptions {
  /** Count every row into the force's area. Off for extracts that hold only some districts. */
  forceTotals: boolean;
}

/** The month with the most rows (the earliest of a tie), or undefined for none. */
function dominant(rows: ReadonlyMap<string, number>): string | undefined {
  let best: [string, number] | undefined;
  for (const [month, n] of [...rows].sort(([a], [b]) => a.localeCompare(b)))
    if (!best || n > best[1]) best = [month, n];
  return best?.[0];
}

export class PoliceStreetConnector implements Connector {
  readonly dataset = 'police-street';

  constructor(private readonly options: PoliceStreetOptions = { forceTotals: true }) {}

  async run(source: SourceText, ctx: ConnectorContext): Promise<ConnectorOutput> {
    const tally = new CrimeTally();
    const rejected: RejectedInput[] = [];
    const lsoas = new Map<string, AreaInput>();
    let force: PoliceForce | undefined = forceFromFileName(source.name);
    let forceDistricts = new Set<string>();
    let rowsRead = 0;
    let header = true;
    // A street-level file is one month. Its month is the one its name gives, else the month most
    // of its rows have: a row of any other month is rejected as a row, never taken as that other
    // month's whole figure (one stray row would otherwise replace a month of counts).
    const fileMonth = monthFromFileName(source.name);
    const rowsOfMonth = new Map<string, number>();
    let firstMonth: string | undefined;
    const strays: Array<{ line: number; raw: string; month: string }> = [];
    for await (const rec of readCsv(source.chunks)) {
      if (header) {
        checkHeader(rec.fields);
        header = false;
        continue;
      }
      if (rec.fields.length === 1 && rec.fields[0] === '') continue; // a blank line
      rowsRead += 1;
      if (rowsRead % 10_000 === 0) {
        ctx.progress(rowsRead);
        if (ctx.signal.aborted) break;
      }
      const f = rec.fields;
      if (f.length !== STREET_HEADER.length) {
        rejected.push({
          line: rec.line,
          reason: `expected ${STREET_HEADER.length} fields, found ${f.length}`,
          raw: rec.raw,
        });
        continue;
      }
      const month = f[COL.Month!]!;
      const crimeType = f[COL['Crime type']!]!;
      const measure = MEASURE_OF.get(crimeType);
      if (!MONTH.test(month)) {
        // Reasons name the column, never what it held (the line itself is kept apart).
        rejected.push({ line: rec.line, reason: 'the Month is not a month (YYYY-MM)', raw: rec.raw });
        continue;
      }
      if (!measure) {
        rejected.push({ line: rec.line, reason: 'the Crime type is not one the hub knows', raw: rec.raw });
        continue;
      }
      if (fileMonth !== undefined && month !== fileMonth) {
        rejected.push({ line: rec.line, reason: `the row is not of the file's month (${fileMonth})`, raw: rec.raw });
        continue;
      }
      rowsOfMonth.set(month, (rowsOfMonth.get(month) ?? 0) + 1);
      firstMonth ??= month;
      if (month !== firstMonth) strays.push({ line: rec.line, raw: rec.raw, month });
      if (!force) {
        force = forceNamed(f[COL['Falls within']!]!);
        if (!force)
          throw new SourceFormatError(
            `cannot tell the force: the file name is not YYYY-MM-<force>-street.csv and the Falls within column of line ${rec.line} is not a force the hub knows`,
            `Falls within: ${f[COL['Falls within']!]}`,
          );
      }
      if (forceDistricts.size === 0)
        forceDistricts = new Set(ctx.areas.districtsIn(force.policeForceArea).map((d) => d.code));
      if (this.options.forceTotals) {
        tally.addCrime(measure, force.policeForceArea, month);
      }
      const lsoaCode = f[COL['LSOA code']!]!.trim();
      if (!lsoaCode) continue; // located only to the force: counted in its total
      const lsoaName = f[COL['LSOA name']!]!.trim();
      const district = ctx.areas.districtNamed(lsoaName.replace(/\s+\S+$/, ''));
      if (!district || !forceDistricts.has(district.code)) continue; // a neighbouring force's district
      tally.addCrime(measure, district.code, month);
      if (ctx.areas.isPartnershipArea(district.code)) {
        tally.addCrime(measure, lsoaCode, month);
        if (!lsoas.has(lsoaCode))
          lsoas.set(lsoaCode, { code: lsoaCode, name: lsoaName, type: AreaType.LSOA, parents: [district.code] });
      }
    }
    if (header) throw new SourceFormatError('the file is empty: no header');
    ctx.progress(rowsRead);
    const month = dominant(rowsOfMonth);
    // The month is whole for the force's area (when the file is a force's whole month) and its
    // districts: their all-crime totals are what the whole-source guard compares.
    const whole: WholeDelivery | undefined =
      force && month
        ? {
            measures: [ALL_CRIME],
            areas: [...(this.options.forceTotals ? [force.policeForceArea] : []), ...forceDistricts],
            periods: [month],
          }
        : undefined;
    if (rowsOfMonth.size <= 1 || month === undefined)
      return {
        rowsRead,
        observations: tally.observations(),
        rejected,
        areas: [...lsoas.values()],
        whole: whole && [whole],
      };
    const reason = `the row is not of the file's month (${month}, the month most of its rows have)`;
    for (const s of strays) if (s.month !== month) rejected.push({ line: s.line, reason, raw: s.raw });
    // The first rows' month lost to another: its rows were not kept one by one, so say how many.
    if (firstMonth !== month)
      rejected.push({ line: 0, reason: `${rowsOfMonth.get(firstMonth!)} row(s) of ${firstMonth}: ${reason}`, raw: '' });
    rejected.sort((a, b) => a.line - b.line);
    return {
      rowsRead,
      observations: tally.observations().filter((o) => o.period === month),
      rejected,
      areas: [...lsoas.values()],
      whole: whole && [whole],
    };
  }
}
