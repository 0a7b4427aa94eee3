import { AreaType, MeasureAccess, Unit, type Frequency } from '../domain/enums';

// What one request may see of measures that are not public. Pure: the caller reads, once per
// request, which partnerships the key's organisation belongs to and which areas they cover
// (with the areas inside them), and every path that returns figures asks this object.
//
// RESTRICTED figures are visible only to the measure's owner and to members of a partnership
// covering the area; everyone else gets none of them, in any form. SUPPRESSED figures (public
// figures derived from restricted data) are shown to everyone, but to non-members a count under
// the threshold is suppressed, and so is any total that contains one: otherwise the hidden
// count could be worked out by subtracting the others from the total.

export interface MeasureAccessInfo {
  code: string;
  access: MeasureAccess;
  unit: Unit;
  ownerOrganisationId: string | null;
}

/** The fields of an observation that carry figures. */
export interface FigureFields {
  areaCode: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  lowerCi: number | null;
  upperCi: number | null;
  suppressed: boolean;
  note: string | null;
}

export const WITHHELD_NOTE = 'withheld: figures only for member organisations of a partnership covering this area';

export class Visibility {
  constructor(
    /** The organisation of the request's API key; null for anonymous requests. */
    readonly organisationId: string | null,
    private readonly memberAreas: ReadonlySet<string>,
    private readonly memberPartnerships: ReadonlySet<string>,
    readonly threshold: number,
  ) {}

  static anonymous(threshold: number): Visibility {
    return new Visibility(null, new Set(), new Set(), threshold);
  }

  /** Sees every figure: what the hub itself works from when it derives members' figures. */
  static everything(threshold: number): Visibility {
    const v = new Visibility(null, new Set(), new Set(), threshold);
    v.all = true;
    return v;
  }

  private all = false;

  /** Whether every figure of the measure is visible for a partnership as a whole. */
  seesPartnership(measure: MeasureAccessInfo, slug: string): boolean {
    return measure.access === MeasureAccess.PUBLIC || this.privileged(measure) || this.memberPartnerships.has(slug);
  }

  /** Whether every figure of the measure in all these areas is visible, unsuppressed (none for no areas, unless public or privileged). */
  seesAllOf(measure: MeasureAccessInfo, areaCodes: readonly string[]): boolean {
    return (
      measure.access === MeasureAccess.PUBLIC ||
      this.privileged(measure) ||
      (areaCodes.length > 0 && areaCodes.every((c) => this.memberAreas.has(c)))
    );
  }

  /** Whether any figure of the measure for these areas can be shown at all. */
  seesAny(measure: MeasureAccessInfo, areaCodes: readonly string[]): boolean {
    return measure.access !== MeasureAccess.RESTRICTED || this.seesAllOf(measure, areaCodes);
  }

  /** The rows as this request may see them: restricted rows dropped, small counts suppressed. */
  view<T extends FigureFields>(measure: MeasureAccessInfo, rows: readonly T[]): T[] {
    if (measure.access === MeasureAccess.PUBLIC || this.privileged(measure)) return [...rows];
    const out: T[] = [];
    for (const row of rows) {
      if (this.memberAreas.has(row.areaCode)) out.push(row);
      else if (measure.access === MeasureAccess.SUPPRESSED)
        out.push(isSmall(measure, row, this.threshold) ? suppress(row, this.threshold) : row);
    }
    return out;
  }

  private privileged(measure: MeasureAccessInfo): boolean {
    return this.all || (this.organisationId !== null && measure.ownerOrganisationId === this.organisationId);
  }
}

/** A count under the threshold, or a rate or percentage whose numerator is under it. */
export function isSmall(
  measure: Pick<MeasureAccessInfo, 'unit'>,
  row: Pick<FigureFields, 'value' | 'numerator'>,
  threshold: number,
): boolean {
  const count = measure.unit === Unit.COUNT ? row.value : row.numerator;
  // A rate without a numerator cannot be checked, so it is treated as small: suppression errs
  // on the side of hiding.
  if (count === null) return measure.unit !== Unit.COUNT && row.value !== null;
  return count < threshold;
}

// Copies made by suppress(): their earlier values (revisions) must stay hidden too.
const redacted = new WeakSet<object>();

/** Whether the row is a suppressed copy, whose history must not be shown either. */
export const isRedacted = (row: object): boolean => redacted.has(row);

// Copies keep the row's class: type-graphql hands a resolver's root over as an instance of
// its type, making a new one from a plain object, which would lose the mark below.
const copyOf = <T extends object>(row: T, changes: Partial<T> = {}): T =>
  Object.assign(Object.create(Object.getPrototypeOf(row) as object) as T, row, changes);

/** A copy of the row with its figures, whose earlier values are not to be shown. */
export function withoutHistory<T extends object>(row: T): T {
  const copy = copyOf(row);
  redacted.add(copy);
  return copy;
}

/** A copy of the row with its figures removed and the reason said. */
export function suppress<T extends FigureFields>(row: T, threshold: number): T {
  const copy = copyOf<T>(row, {
    value: null,
    numerator: null,
    denominator: null,
    lowerCi: null,
    upperCi: null,
    suppressed: true,
    note: `fewer than ${threshold}: suppressed`,
  } as Partial<T>);
  redacted.add(copy);
  return copy;
}

/**
 * Why a figure of a SUPPRESSED measure cannot be stored in this shape, or null. Suppression works
 * cell by cell, so a stored total beside its parts (a year beside its quarters, a district beside
 * its LSOAs) would give a hidden count away by subtraction: such a measure takes figures only at
 * its own frequency, for districts.
 */
export function suppressedShapeProblem(
  measure: { code: string; access: MeasureAccess; frequency: Frequency },
  periodFrequency: Frequency,
  areaType: AreaType | null,
): string | null {
  if (measure.access !== MeasureAccess.SUPPRESSED) return null;
  if (periodFrequency !== measure.frequency)
    return `${measure.code} has small counts suppressed: give it by ${measure.frequency.toLowerCase()} only, as totals of other periods would reveal them`;
  if (areaType !== AreaType.DISTRICT)
    return `${measure.code} has small counts suppressed: give it for districts only, as figures for other areas would reveal them`;
  return null;
}
