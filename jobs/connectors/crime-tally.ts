import type { ObservationInput } from '../ingest/connector';

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

const key = (measure: string, area: string, month: string): string => `${measure}\u0000${area}\u0000${month}`;

export class CrimeTally {
  private readonly counts = new Map<string, number>();
  /** Area and month pairs with a crime counted, in the order first seen. */
  private readonly seen = new Map<string, { area: string; month: string }>();

  /** One crime of a type's measure (or a crime of no counted type, with `measure` null): its measure and all crime. */
  addCrime(measure: string | null, area: string, month: string): void {
    if (measure) this.bump(key(measure, area, month));
    this.bump(key(ALL_CRIME, area, month));
    const at = `${area}\u0000${month}`;
    if (!this.seen.has(at)) this.seen.set(at, { area, month });
  }

  /** Every crime measure for each area and month given, or, by default, each that had a crime. */
  observations(covered: ReadonlyArray<{ area: string; month: string }> = [...this.seen.values()]): ObservationInput[] {
    return covered.flatMap(({ area, month }) =>
      CRIME_MEASURES.map((measureCode) => ({
        measureCode,
        areaCode: area,
        period: month,
        value: this.counts.get(key(measureCode, area, month)) ?? 0,
      })),
    );
  }

  private bump(k: string): void {
    this.counts.set(k, (this.counts.get(k) ?? 0) + 1);
  }
}
