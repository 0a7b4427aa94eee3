import type { ObservationInput } from '../connector';

// Police crime counts as both police sources give them: by crime type, area and month, each
// crime counted under its type and under all crime. Every crime type is reported for an area
// and month the counts cover, zero where no crime of that type was counted, so a type with no
// crimes reads as 0, not as missing.

export const CRIME_TYPES = [
  'Anti-social behaviour',
  'Bicycle theft',
  'Burglary',
  'Criminal damage and arson',
  'Drugs',
  'Other crime',
  'Other theft',
  'Possession of weapons',
  'Public order',
  'Robbery',
  'Shoplifting',
  'Theft from the person',
  'Vehicle crime',
  'Violence and sexual offences',
];

export const ALL_CRIME = 'police.all-crime';
export const crimeMeasure = (crimeType: string): string => `police.${crimeType.toLowerCase().replace(/ /g, '-')}`;
export const CRIME_MEASURES: readonly string[] = [ALL_CRIME, ...CRIME_TYPES.map(crimeMeasure)];

/** Each crime measure's place in a cell's counts: all crime first. */
const MEASURE_INDEX = new Map(CRIME_MEASURES.map((code, i) => [code, i]));

/** One area's month: its count for each crime measure, by MEASURE_INDEX. */
export interface Cell {
  readonly area: string;
  readonly month: string;
  readonly counts: Float64Array;
}

export class CrimeTally {
  // By area, then month: lookups of the strings as they come, where a key joined from the two
  // built and hashed a new string for every crime (a street-level file adds up to four crimes a
  // row, half a million rows a month). A cell's counts are an array by measure, so that a crime
  // costs two additions once its cell is found, and a caller that meets one area again and
  // again (an LSOA's rows) can keep its cells (cellOf) and skip the lookups.
  private readonly cells = new Map<string, Map<string, Cell>>();
  /** Area and month pairs with a crime counted, in the order first seen. */
  private readonly seen: Cell[] = [];

  /** One crime of a type's measure (or a crime of no counted type, with `measure` null): its measure and all crime. */
  addCrime(measure: string | null, area: string, month: string): void {
    this.add(this.cellOf(area, month), measure === null ? null : (MEASURE_INDEX.get(measure) ?? null));
  }

  /** One crime in a cell found by cellOf: under its measure's index (measureIndex), and all crime. */
  add(cell: Cell, measure: number | null): void {
    if (measure !== null && measure !== 0) cell.counts[measure]! += 1;
    cell.counts[0]! += 1;
  }

  /** Every crime measure for each area and month given, or, by default, each that had a crime. */
  observations(covered: ReadonlyArray<{ area: string; month: string }> = this.seen): ObservationInput[] {
    const out: ObservationInput[] = [];
    for (const { area, month } of covered) {
      const counts = this.cells.get(area)?.get(month)?.counts;
      for (let i = 0; i < CRIME_MEASURES.length; i += 1)
        out.push({ measureCode: CRIME_MEASURES[i]!, areaCode: area, period: month, value: counts ? counts[i]! : 0 });
    }
    return out;
  }

  /** An area's month, made (with every count 0) the first time it is asked for. */
  cellOf(area: string, month: string): Cell {
    let months = this.cells.get(area);
    if (!months) {
      months = new Map();
      this.cells.set(area, months);
    }
    let cell = months.get(month);
    if (!cell) {
      cell = { area, month, counts: new Float64Array(CRIME_MEASURES.length) };
      months.set(month, cell);
      this.seen.push(cell);
    }
    return cell;
  }
}

/** A crime type's place in a cell's counts, or undefined for a type the hub does not count. */
export const measureIndex = (measure: string): number | undefined => MEASURE_INDEX.get(measure);
