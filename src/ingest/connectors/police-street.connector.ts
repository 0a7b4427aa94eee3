import { AreaType } from '../../domain/enums';
import type { Area } from '../../entities';
import { readCsv } from '../csv/csv-reader';
import type {
  AreaInput,
  Connector,
  ConnectorContext,
  ConnectorOutput,
  ObservationInput,
  RejectedInput,
  SourceText,
} from '../connector';
import { SourceFormatError } from '../connector';
import type { WholeDelivery } from '../whole-source';
import {
  ALL_CRIME,
  CRIME_MEASURES,
  CRIME_TYPES,
  CrimeTally,
  crimeMeasure,
  measureIndex,
  type Cell,
} from './crime-tally';
import {
  forceFromFileName,
  forceNamed,
  isTerritorial,
  monthFromFileName,
  TERRITORIAL_FORCES,
  type PoliceForce,
  type TerritorialForce,
} from './police-forces';

// data.police.uk monthly street-level CSV (YYYY-MM-<force>-street.csv), counted by month and
// crime type into: the force's police force area (every row), each district of that force
// (rows whose LSOA falls in it), the community safety partnership of each such district, and
// each LSOA of those districts that the hub knows (or that lies in a partnership's district).
// Rows snapped into a neighbouring force's district count in the force total only, so two force
// files never overwrite each other's district figures. An area that appears in a month gets
// every crime type, zero where it had no rows; an area the file does not mention gets nothing
// (a real force file mentions all its districts, an extract may not).
//
// A delivery may be many files: data.police.uk's monthly archive holds one per force (a zip,
// or the folder it unpacks to). They are read in one run, each as above, and a month's region,
// country and England and Wales totals are the sums of its force areas' totals, written only
// when every territorial force's file for that month is there: a total missing a force would
// be a figure silently wrong. Otherwise the run's notes say which forces are missing. Crimes of
// a force with no area of its own (British Transport Police) count towards no area's total,
// and the notes say how many there were.

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

// A crime type's place in the tally's counts (crime-tally.ts).
const MEASURE_OF = new Map(CRIME_TYPES.map((t) => [t, measureIndex(crimeMeasure(t))!]));
const COL_MONTH = STREET_HEADER.indexOf('Month');
const COL_FALLS_WITHIN = STREET_HEADER.indexOf('Falls within');
const COL_LSOA_CODE = STREET_HEADER.indexOf('LSOA code');
const COL_LSOA_NAME = STREET_HEADER.indexOf('LSOA name');
const COL_CRIME_TYPE = STREET_HEADER.indexOf('Crime type');
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

/** A street-level file's name as data.police.uk publishes it (the archive's other files are not read). */
const STREET_FILE_NAME = /^\d{4}-\d{2}-[a-z-]+-street\.csv$/;

/** One month's rows of a file, and where its crimes count (the force's cell, each LSOA's plan). */
interface MonthCount {
  month: string;
  rows: number;
  /** The force area's cell; null when the force's total is not counted, undefined until known. */
  forceCell: Cell | null | undefined;
  /** Where each LSOA's crimes count, worked out at its first row (planFor). */
  plans: Map<string, LsoaPlan>;
}

/** What one file gave. */
interface FileOutput {
  name: string;
  force: PoliceForce | undefined;
  /** The month the file's figures are for, if it had rows. */
  month: string | undefined;
  rowsRead: number;
  observations: ObservationInput[];
  rejected: RejectedInput[];
  lsoas: AreaInput[];
  whole: WholeDelivery | undefined;
  /** What the run's record should say about this file (partnership totals left out). */
  notes: string[];
}

/** Where one LSOA's crimes of a month count (PoliceStreetConnector.planFor). */
interface LsoaPlan {
  cells: Cell[];
  /** A straddling district whose partnerships this LSOA's crimes cannot be credited to. */
  unplacedIn?: string;
  /** The LSOA as a new area, when the hub does not hold it and its district is a partnership's. */
  newLsoa?: AreaInput;
}

/** The lists one after another, in one array made once (a national month's are half a million figures). */
function concat<T>(lists: ReadonlyArray<readonly T[]>): T[] {
  const out = new Array<T>(lists.reduce((n, l) => n + l.length, 0));
  let at = 0;
  for (const list of lists) for (const item of list) out[at++] = item;
  return out;
}

const plural = (n: number, one: string, many = `${one}s`): string =>
  `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;

/** Where a row's LSOA lies, worked out once per LSOA (a national month has half a million rows). */
class Placement {
  private readonly districts = new Map<string, Area | null>();
  private readonly partnerships = new Map<string, string[]>();
  private readonly within = new Map<string, string[]>();

  constructor(private readonly ctx: ConnectorContext) {}

  /** The LSOA's district: by its code when the hub knows the LSOA, else by the name's district part. */
  district(lsoaCode: string, lsoaName: string): Area | undefined {
    let found = this.districts.get(lsoaCode);
    if (found === undefined) {
      found =
        (this.ctx.areas.has(lsoaCode) ? this.ctx.areas.ancestorOfType(lsoaCode, AreaType.DISTRICT) : undefined) ??
        this.ctx.areas.districtNamed(lsoaName.replace(/\s+\S+$/, '')) ??
        null;
      this.districts.set(lsoaCode, found);
    }
    return found ?? undefined;
  }

  /** The community safety partnerships (as areas) a district belongs to. */
  partnershipsOf(district: string): string[] {
    let found = this.partnerships.get(district);
    if (!found) {
      found = this.ctx.areas.parentsOfType(district, AreaType.COMMUNITY_SAFETY_PARTNERSHIP).map((a) => a.code);
      this.partnerships.set(district, found);
    }
    return found;
  }

  /**
   * The partnerships a row's crime counts towards: its district's, or, for a district that
   * straddles partnerships and so has none of its own (Bournemouth, Christchurch and Poole; East
   * Suffolk: data/geography/README.md), its LSOA's own. Without this their crimes would be
   * missing from the partnerships' totals.
   */
  partnershipsOfRow(district: string, lsoaCode: string): string[] {
    const own = this.partnershipsOf(district);
    return own.length ? own : this.partnershipsOf(lsoaCode);
  }

  /** Whether a district has no partnership of its own, its LSOAs lying in several. */
  straddles(district: string): boolean {
    return this.partnershipsOf(district).length === 0 && this.partnershipsWithin(district).length > 0;
  }

  /** Every partnership with a part in this district: its own, or those of its LSOAs. */
  partnershipsWithin(district: string): string[] {
    const own = this.partnershipsOf(district);
    if (own.length) return own;
    let found = this.within.get(district);
    if (!found) {
      found = [...new Set(this.ctx.areas.childrenOf(district).flatMap((child) => this.partnershipsOf(child)))];
      this.within.set(district, found);
    }
    return found;
  }
}

export class PoliceStreetConnector implements Connector {
  readonly dataset = 'police-street';

  constructor(private readonly options: PoliceStreetOptions = { forceTotals: true }) {}

  async run(source: SourceText, ctx: ConnectorContext): Promise<ConnectorOutput> {
    const file = await this.readFile(source, ctx, new Placement(ctx), 0);
    return {
      rowsRead: file.rowsRead,
      observations: file.observations,
      rejected: file.rejected,
      areas: file.lsoas,
      whole: file.whole && [file.whole],
      notes: [...this.nonTerritorialNotes([file], ctx), ...file.notes],
    };
  }

  readonly files = {
    wants: (name: string): boolean => STREET_FILE_NAME.test(name),
    run: (files: AsyncIterable<SourceText>, ctx: ConnectorContext): Promise<ConnectorOutput> =>
      this.runFiles(files, ctx),
  };

  private async runFiles(files: AsyncIterable<SourceText>, ctx: ConnectorContext): Promise<ConnectorOutput> {
    const placement = new Placement(ctx);
    const read: FileOutput[] = [];
    let rowsRead = 0;
    for await (const source of files) {
      const file = await this.readFile(source, ctx, placement, rowsRead);
      rowsRead += file.rowsRead;
      // Two files of one force and month would each claim the same figures.
      const twin = read.find((r) => r.force && r.force.id === file.force?.id && r.month === file.month);
      if (twin && file.month)
        throw new SourceFormatError(
          `${twin.name} and ${file.name} are both the ${file.force!.id} force's ${file.month}: give one`,
        );
      read.push(file);
      if (ctx.signal.aborted) break;
    }
    const many = read.length > 1;
    const totals = this.options.forceTotals
      ? this.nationalTotals(read, ctx)
      : { observations: [], notes: [], whole: [] };
    return {
      rowsRead,
      observations: concat([...read.map((f) => f.observations), totals.observations]),
      // Line numbers are each file's own: with several files, a reason names its file.
      rejected: read.flatMap((f) =>
        many ? f.rejected.map((r) => ({ ...r, reason: `${f.name}: ${r.reason}` })) : f.rejected,
      ),
      areas: read.flatMap((f) => f.lsoas),
      whole: [...read.flatMap((f) => (f.whole ? [f.whole] : [])), ...totals.whole],
      notes: [...this.nonTerritorialNotes(read, ctx), ...read.flatMap((f) => f.notes), ...totals.notes],
    };
  }

  /** Crimes of forces with no area of their own, or an area the hub does not hold, said once per file. */
  private nonTerritorialNotes(files: FileOutput[], ctx: ConnectorContext): string[] {
    return files.flatMap((f) => {
      if (!f.force) return [];
      if (!isTerritorial(f.force))
        return [
          `${f.name}: ${plural(f.rowsRead, 'crime')} recorded by ${f.force.names[0]}, which polices no area of its own, counted towards no area's total`,
        ];
      if (!ctx.areas.has(f.force.policeForceArea))
        return [
          `${f.name}: the hub does not hold the ${f.force.names[0]} force area (${f.force.policeForceArea}) or its districts, so its ${plural(f.rowsRead, 'crime')} count towards no area's total`,
        ];
      return [];
    });
  }

  /**
   * Each month's region, country and England and Wales totals: the sums of the force areas'
   * totals, when every territorial force's file for the month was read.
   */
  private nationalTotals(
    files: FileOutput[],
    ctx: ConnectorContext,
  ): { observations: ObservationInput[]; notes: string[]; whole: WholeDelivery[] } {
    const byMonth = new Map<string, Map<string, FileOutput>>();
    for (const f of files) {
      if (!f.month || !f.force || !isTerritorial(f.force)) continue;
      const forces = byMonth.get(f.month) ?? new Map<string, FileOutput>();
      forces.set(f.force.id, f);
      byMonth.set(f.month, forces);
    }
    const observations: ObservationInput[] = [];
    const notes: string[] = [];
    const whole: WholeDelivery[] = [];
    for (const [month, forces] of [...byMonth].sort(([a], [b]) => a.localeCompare(b))) {
      const missing = TERRITORIAL_FORCES.filter((f) => !forces.has(f.id)).map((f) => f.id);
      if (missing.length > 0) {
        notes.push(
          `no region, country or England and Wales totals for ${month}: no file from ${missing.length} of the ${TERRITORIAL_FORCES.length} territorial forces (${missing.join(', ')})`,
        );
        continue;
      }
      // The totals are sums of the force areas' figures: one the hub does not hold has none.
      const unheld = TERRITORIAL_FORCES.filter((f) => !ctx.areas.has(f.policeForceArea));
      if (unheld.length > 0) {
        notes.push(
          `no region, country or England and Wales totals for ${month}: the hub does not hold ${unheld.length} of the ${TERRITORIAL_FORCES.length} force areas (${unheld.map((f) => f.id).join(', ')})`,
        );
        continue;
      }
      const sums = new Map<string, Map<string, number>>();
      const add = (area: string, measure: string, value: number): void => {
        const m = sums.get(area) ?? new Map<string, number>();
        m.set(measure, (m.get(measure) ?? 0) + value);
        sums.set(area, m);
      };
      // A region's total needs the region of every English force: one the hub cannot place
      // (its districts unknown) would leave some region short, so then no region gets one.
      const regions = new Map(TERRITORIAL_FORCES.map((f) => [f.id, this.regionOf(f, ctx)]));
      const unplaced = TERRITORIAL_FORCES.filter((f) => f.policeForceArea.startsWith('E') && !regions.get(f.id));
      if (unplaced.length > 0)
        notes.push(
          `no region totals for ${month}: the hub does not know the region of ${unplaced.length} force area(s) (${unplaced.map((f) => f.id).join(', ')})`,
        );
      for (const file of forces.values()) {
        const force = file.force as TerritorialForce;
        const country = force.policeForceArea.startsWith('W') ? 'W92000004' : 'E92000001';
        const region = unplaced.length === 0 ? regions.get(force.id) : undefined;
        const above = [region, country, 'K04000001'].filter((c): c is string => c !== undefined && ctx.areas.has(c));
        for (const o of file.observations)
          if (o.areaCode === force.policeForceArea && o.value !== null)
            for (const area of above) add(area, o.measureCode, o.value);
      }
      for (const [area, counts] of sums)
        for (const measureCode of CRIME_MEASURES)
          observations.push({ measureCode, areaCode: area, period: month, value: counts.get(measureCode) ?? 0 });
      if (sums.size > 0) whole.push({ measures: [ALL_CRIME], areas: [...sums.keys()], periods: [month] });
    }
    return { observations, notes, whole };
  }

  /** The English region a force's area lies in (by its districts), if the hub knows it. */
  private regionOf(force: TerritorialForce, ctx: ConnectorContext): string | undefined {
    if (!force.policeForceArea.startsWith('E')) return undefined;
    const district = ctx.areas.districtsIn(force.policeForceArea)[0];
    return district ? ctx.areas.ancestorOfType(district.code, AreaType.REGION)?.code : undefined;
  }

  /**
   * Where a crime in this LSOA and month counts: its district (when that is one of the force's
   * own), the partnerships of its row, and the LSOA itself when the hub holds it or it lies in a
   * partnership's district (then it is added as a new area). Worked out once per LSOA and month:
   * a national month has half a million rows in some 35,000 LSOAs.
   */
  private planFor(
    lsoaCode: string,
    lsoaName: string,
    month: string,
    on: { ctx: ConnectorContext; placement: Placement; tally: CrimeTally; forceDistricts: ReadonlySet<string> },
  ): LsoaPlan {
    const { ctx, placement, tally } = on;
    const district = placement.district(lsoaCode, lsoaName);
    if (!district || !on.forceDistricts.has(district.code)) return { cells: [] }; // a neighbouring force's district
    const partnerships = placement.partnershipsOfRow(district.code, lsoaCode);
    const areas = [district.code, ...partnerships];
    let newLsoa: AreaInput | undefined;
    if (ctx.areas.has(lsoaCode)) areas.push(lsoaCode);
    else if (ctx.areas.isPartnershipArea(district.code)) {
      // An LSOA the hub does not hold yet, in a partnership's district: added with its figures.
      areas.push(lsoaCode);
      newLsoa = { code: lsoaCode, name: lsoaName, type: AreaType.LSOA, parents: [district.code] };
    }
    return {
      cells: areas.map((area) => tally.cellOf(area, month)),
      // In a district that straddles partnerships, an LSOA the hub does not hold (a newer code)
      // has no partnership to count towards: those partnerships' totals would be short.
      unplacedIn: partnerships.length === 0 && placement.straddles(district.code) ? district.code : undefined,
      newLsoa,
    };
  }

  /** One street-level file, counted on its own; `before` rows were read from earlier files of the delivery. */
  private async readFile(
    source: SourceText,
    ctx: ConnectorContext,
    placement: Placement,
    before: number,
  ): Promise<FileOutput> {
    const tally = new CrimeTally();
    const rejected: RejectedInput[] = [];
    const lsoas = new Map<string, AreaInput>();
    let force: PoliceForce | undefined = forceFromFileName(source.name);
    let rowsRead = 0;
    let header = true;
    // A street-level file is one month. Its month is the one its name gives, else the month most
    // of its rows have: a row of any other month is rejected as a row, never taken as that other
    // month's whole figure (one stray row would otherwise replace a month of counts).
    const fileMonth = monthFromFileName(source.name);
    let firstMonth: string | undefined;
    const strays: Array<{ line: number; raw: string; month: string }> = [];
    // Crimes per straddling district whose LSOA gave no partnership (see partnershipsOfRow).
    const unplaced = new Map<string, number>();
    // Each month's rows, force cell and LSOA plans, and the month of the row before: a file's rows
    // are all of one month but for strays, so a month is checked and looked up when it changes,
    // not on each of half a million rows.
    const months = new Map<string, MonthCount>();
    let current: MonthCount | undefined;
    // The force's districts, once its force is known and it is a territorial one.
    let forceDistricts: ReadonlySet<string> | undefined;
    for await (const rec of readCsv(source.chunks)) {
      if (header) {
        checkHeader(rec.fields);
        header = false;
        continue;
      }
      if (rec.fields.length === 1 && rec.fields[0] === '') continue; // a blank line
      rowsRead += 1;
      if (rowsRead % 10_000 === 0) {
        ctx.progress(before + rowsRead);
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
      const month = f[COL_MONTH]!;
      const measure = MEASURE_OF.get(f[COL_CRIME_TYPE]!);
      // The month of the last row counted passed the month's checks then.
      const checked = month === current?.month;
      if (!checked && !MONTH.test(month)) {
        // Reasons name the column, never what it held (the line itself is kept apart).
        rejected.push({ line: rec.line, reason: 'the Month is not a month (YYYY-MM)', raw: rec.raw });
        continue;
      }
      if (measure === undefined) {
        rejected.push({ line: rec.line, reason: 'the Crime type is not one the hub knows', raw: rec.raw });
        continue;
      }
      if (!checked && fileMonth !== undefined && month !== fileMonth) {
        rejected.push({ line: rec.line, reason: `the row is not of the file's month (${fileMonth})`, raw: rec.raw });
        continue;
      }
      let counting = current;
      if (!checked || !counting) {
        counting = months.get(month) ?? { month, rows: 0, forceCell: undefined, plans: new Map() };
        months.set(month, counting);
        current = counting;
      }
      counting.rows += 1;
      firstMonth ??= month;
      if (month !== firstMonth) strays.push({ line: rec.line, raw: rec.raw, month });
      if (!force) {
        force = forceNamed(f[COL_FALLS_WITHIN]!);
        if (!force)
          throw new SourceFormatError(
            `cannot tell the force of ${source.name}: the file name is not YYYY-MM-<force>-street.csv and the Falls within column of line ${rec.line} is not a force the hub knows`,
            `Falls within: ${f[COL_FALLS_WITHIN]}`,
          );
      }
      // A force with no area of its own: its rows are read and counted towards nothing.
      if (!isTerritorial(force)) continue;
      forceDistricts ??= new Set(ctx.areas.districtsIn(force.policeForceArea).map((d) => d.code));
      if (counting.forceCell === undefined)
        counting.forceCell =
          this.options.forceTotals && ctx.areas.has(force.policeForceArea)
            ? tally.cellOf(force.policeForceArea, month)
            : null;
      if (counting.forceCell) tally.add(counting.forceCell, measure);
      const lsoaCode = f[COL_LSOA_CODE]!.trim();
      if (!lsoaCode) continue; // located only to the force: counted in its total
      let plan = counting.plans.get(lsoaCode);
      if (!plan) {
        plan = this.planFor(lsoaCode, f[COL_LSOA_NAME]!.trim(), month, { ctx, placement, tally, forceDistricts });
        counting.plans.set(lsoaCode, plan);
        if (plan.newLsoa && !lsoas.has(lsoaCode)) lsoas.set(lsoaCode, plan.newLsoa);
      }
      for (const cell of plan.cells) tally.add(cell, measure);
      if (plan.unplacedIn) unplaced.set(plan.unplacedIn, (unplaced.get(plan.unplacedIn) ?? 0) + 1);
    }
    forceDistricts ??= new Set();
    if (header) throw new SourceFormatError(`${source.name} is empty: no header`);
    const rowsOfMonth = new Map([...months].map(([m, c]) => [m, c.rows]));
    ctx.progress(before + rowsRead);
    const month = dominant(rowsOfMonth);
    // The month is whole for the force's area (when the file is a force's whole month), its
    // districts and their partnerships: their all-crime totals are what the whole-source guard
    // compares.
    // A partnership some of whose crimes could not be placed gets no total rather than a short
    // one, and the run says why (as a region without every force's file does).
    const short = new Set([...unplaced.keys()].flatMap((d) => placement.partnershipsWithin(d)));
    const notes = [...unplaced].map(
      ([d, n]) =>
        `${source.name}: ${plural(n, 'crime')} in ${ctx.areas.get(d)?.name ?? d} (${d}) ${n === 1 ? 'lies in an LSOA' : 'lie in LSOAs'} the hub does not hold, so no partnership could be credited with them: this file gives no total for ${[...placement.partnershipsWithin(d)].join(', ')}`,
    );
    const partnerships = [...forceDistricts]
      .flatMap((d) => placement.partnershipsWithin(d))
      .filter((p) => !short.has(p));
    const whole: WholeDelivery | undefined =
      force && isTerritorial(force) && month
        ? {
            measures: [ALL_CRIME],
            areas: [
              ...(this.options.forceTotals && ctx.areas.has(force.policeForceArea) ? [force.policeForceArea] : []),
              ...forceDistricts,
              ...new Set(partnerships),
            ],
            periods: [month],
          }
        : undefined;
    // A file with no rows still says its force had no crimes that month (by its name).
    const output = {
      name: source.name,
      force,
      month: month ?? fileMonth,
      rowsRead,
      rejected,
      lsoas: [...lsoas.values()],
      whole,
      notes,
    };
    const counted = (): ObservationInput[] => {
      const all = tally.observations();
      return short.size ? all.filter((o) => !short.has(o.areaCode)) : all;
    };
    if (rowsOfMonth.size <= 1 || month === undefined) return { ...output, observations: counted() };
    const reason = `the row is not of the file's month (${month}, the month most of its rows have)`;
    for (const s of strays) if (s.month !== month) rejected.push({ line: s.line, reason, raw: s.raw });
    // The first rows' month lost to another: its rows were not kept one by one, so say how many.
    if (firstMonth !== month)
      rejected.push({ line: 0, reason: `${rowsOfMonth.get(firstMonth!)} row(s) of ${firstMonth}: ${reason}`, raw: '' });
    rejected.sort((a, b) => a.line - b.line);
    return { ...output, observations: counted().filter((o) => o.period === month) };
  }
}
