import { AreaType } from '../../domain/enums';
import type { Area } from '../../entities';
import type { AreaDirectory } from '../area-directory';
import type { WholeDelivery } from '../whole-source';

// What a Fingertips all_data file is the whole of, for the whole-source guard. An export is one
// or more indicators, each for one child area type (counties & UAs, or districts & UAs) with
// its parents (England, perhaps the regions), for every time period the indicator has. So for
// each indicator it holds, a file is the whole of:
//   - the periods it has rows for: its own, not another indicator's and not every period the hub
//     ever stored (a file of the latest years only is judged on those years);
//   - the hub's areas of the area types it holds. A county file (502) says nothing about the
//     lower-tier districts a district file (501) delivered for the same indicator and year, and
//     the reverse; unitary authorities are in both.
// The area types are read from the file's `Area Type` column (every row of the indicator, even
// rows of areas the hub does not know), not from the areas it delivered: a file cut before its
// counties must still be judged on them. The periods are those of its headline rows (persons,
// no breakdown), even rows the connector then rejects: a year whose every row is unreadable is a
// year the file claims and does not deliver, which is suspect, not a year it lacks.

/** The parts of England's geography a Fingertips area type covers, as the hub's areas are typed. */
type Tier = 'country' | 'region' | 'upper' | 'lower';

/**
 * The tiers a Fingertips `Area Type` label names. The labels change with each boundary vintage
 * ("County & UA", "Counties & UAs (from Apr 2023)", "Upper tier local authorities (post 4/23)",
 * "District & UA", "Lower tier local authorities (4/19 - 3/20)"); any other (CCGs, ICBs, GP
 * practices) covers no area the hub can check.
 */
function tiersOfLabel(label: string): Tier[] {
  const l = label.toLowerCase();
  if (l === 'country' || l === 'england') return ['country'];
  if (l.includes('region')) return ['region'];
  if (/count(y|ies)|upper tier/.test(l)) return ['upper'];
  if (/district|lower tier/.test(l)) return ['lower'];
  return [];
}

/**
 * The tiers a hub area sits in. A district under a county is lower tier only; a district with
 * no county above it is a unitary authority, in both tiers (Fingertips lists Portsmouth in its
 * county files and in its district files).
 */
function tiersOfArea(area: Area, areas: AreaDirectory): Tier[] {
  switch (area.type) {
    case AreaType.COUNTRY:
      return ['country'];
    case AreaType.REGION:
      return ['region'];
    case AreaType.COUNTY:
      return ['upper'];
    case AreaType.DISTRICT:
      return areas.parentsOf(area.code).some((p) => areas.get(p)?.type === AreaType.COUNTY)
        ? ['lower']
        : ['upper', 'lower'];
    default:
      return [];
  }
}

interface IndicatorScope {
  tiers: Set<Tier>;
  /** Hub areas the file names for the indicator: in scope whatever their type. */
  named: Set<string>;
  periods: Set<string>;
}

/** Gathers, row by row, what a Fingertips file holds for each hub measure it has. */
export class FingertipsScope {
  private readonly byMeasure = new Map<string, IndicatorScope>();
  private readonly labelTiers = new Map<string, Tier[]>();

  constructor(private readonly areas: AreaDirectory) {}

  private scope(measureCode: string): IndicatorScope {
    let s = this.byMeasure.get(measureCode);
    if (!s) this.byMeasure.set(measureCode, (s = { tiers: new Set(), named: new Set(), periods: new Set() }));
    return s;
  }

  /** Any row of the measure: the area type it is of, and the area when the hub knows it. */
  sawArea(measureCode: string, areaTypeLabel: string, areaCode: string): void {
    const s = this.scope(measureCode);
    let tiers = this.labelTiers.get(areaTypeLabel);
    if (!tiers) this.labelTiers.set(areaTypeLabel, (tiers = tiersOfLabel(areaTypeLabel)));
    for (const t of tiers) s.tiers.add(t);
    const area = this.areas.get(areaCode);
    if (!area) return;
    s.named.add(areaCode);
    // Without an Area Type column (or with a label not listed above) a known area still says
    // which tier the file is of, when it sits in one tier only.
    const own = tiersOfArea(area, this.areas);
    if (own.length === 1) s.tiers.add(own[0]!);
  }

  /** A headline row of the measure, with a period the hub can place. */
  sawPeriod(measureCode: string, period: string): void {
    this.scope(measureCode).periods.add(period);
  }

  /** One part per measure: its periods, and the hub's areas of the tiers it holds. */
  whole(): WholeDelivery[] {
    const known = this.areas.list().map((a) => ({ code: a.code, tiers: tiersOfArea(a, this.areas) }));
    const parts: WholeDelivery[] = [];
    for (const [measureCode, s] of [...this.byMeasure].sort(([a], [b]) => a.localeCompare(b))) {
      if (!s.periods.size) continue;
      const areas = new Set(s.named);
      for (const a of known) if (a.tiers.some((t) => s.tiers.has(t))) areas.add(a.code);
      parts.push({ measures: [measureCode], areas: [...areas].sort(), periods: [...s.periods].sort() });
    }
    return parts;
  }
}
