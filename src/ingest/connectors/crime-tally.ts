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

/** One area's month: its count for each measure that had a crime. */
interface Cell {
  area: string;
  month: string;
  counts: Map<string, number>;
}

export class CrimeTally {
  // By area, then month, then measure: lookups of the strings as they come, where a key joined
  // from the three built and hashed two new strings for every crime (a street-level file adds
  // up to three crimes a row, half a million rows a month).
  private readonly cells = new Map<string, Map<string, Cell>>();
  /** Area and month pairs with a crime counted, in the order first seen. */
  private readonly seen: Cell[] = [];

  /** One crime of a type's measure (or a crime of no counted type, with `measure` null): its measure and all crime. */
  addCrime(measure: string | null, area: string, month: string): void {
    const counts = this.cell(area, month).counts;
    if (measure) counts.set(measure, (counts.get(measure) ?? 0) + 1);
    counts.set(ALL_CRIME, (counts.get(ALL_CRIME) ?? 0) + 1);
  }

  /** Every crime measure for each area and month given, or, by default, each that had a crime. */
  observations(covered: ReadonlyArray<{ area: string; month: string }> = this.seen): ObservationInput[] {
    return covered.flatMap(({ area, month }) => {
      const counts = this.cells.get(area)?.get(month)?.counts;
      return CRIME_MEASURES.map((measureCode) => ({
        measureCode,
        areaCode: area,
        period: month,
        value: counts?.get(measureCode) ?? 0,
      }));
    });
  }

  private cell(area: string, month: string): Cell {
    let months = this.cells.get(area);
    if (!months) {
      months = new Map();
      this.cells.set(area, months);
    }
    let cell = months.get(month);
    if (!cell) {
      cell = { area, month, counts: new Map() };
      months.set(month, cell);
      this.seen.push(cell);
    }
    return cell;
  }
}
