import { AreaType } from '../domain/enums';
import { GSS_CODE } from '../domain/gss-code';

// The hub's geography, worked out from the published lookups in data/geography/ (what each
// file is and where it comes from: data/geography/README.md). Pure: the rows come in as read,
// the areas and their parents go out, and every inconsistency between the files is a problem
// listed with its file, never a guess.
//
// Vintages differ and are kept: LSOAs and MSOAs are 2011, districts 2019 (the LSOA lookup),
// partnerships and police force areas 2017 (the only partnership lookup there is), fire and
// rescue authorities 2019 with the 2021 Hampshire and Isle of Wight merger applied. Five 2019
// districts were formed from 2017 ones, so a 2019 district finds its 2017 partnership through
// its predecessors, which its LSOAs' names give (an LSOA keeps the 2011 district's name). Where
// a 2019 district's predecessors sat in different partnerships (Bournemouth, Christchurch and
// Poole; East Suffolk), no partnership holds the whole district: its LSOAs are tied to their own
// 2017 partnership instead, so every LSOA is in exactly one partnership.

export type Row = Record<string, string>;

export interface GeographyRows {
  /** lsoa_code, lsoa_name, msoa_code, msoa_name, lad_code, lad_name (LSOA 2011 to LAD 2019). */
  lsoas: Row[];
  /** LAD17CD, LAD17NM, CSP17CD, CSP17NM, PFA17CD, PFA17NM. */
  partnerships: Row[];
  /** LAD19CD, FRA19CD, FRA19NM: England's file and Wales's. */
  fireAuthorities: Row[];
  /** FRACD, SUCCESSORCD, SUCCESSORNM, FROM: authorities merged since the lookup. */
  fireSuccessors: Row[];
  /** LAD19CD, CTY19CD, CTY19NM, RGN19CD, RGN19NM, CTRY19CD, CTRY19NM. */
  counties: Row[];
}

export interface GeographyArea {
  code: string;
  name: string;
  type: AreaType;
  vintage: number;
  note: string | null;
  parents: string[];
}

/** A 2019 district formed from 2017 ones, and where their partnerships leave it. */
export interface DistrictChange {
  district: string;
  predecessors: string[];
  /** The one partnership all its predecessors were in, or null when they were in several. */
  partnership: string | null;
}

export interface Geography {
  areas: GeographyArea[];
  changes: DistrictChange[];
}

export class GeographyError extends Error {
  constructor(readonly problems: string[]) {
    super(`the geography files have ${problems.length} problem(s):\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'GeographyError';
  }
}

export const ENGLAND_AND_WALES = 'K04000001';
const LSOA_SUFFIX = /\s\d{3}[A-Z]$/;

/** The 2011 district name an LSOA's name carries ("Bournemouth 016A" is in Bournemouth). */
export const districtNameOfLsoa = (lsoaName: string): string => lsoaName.replace(LSOA_SUFFIX, '');

class Areas {
  readonly byCode = new Map<string, GeographyArea>();

  constructor(private readonly problems: string[]) {}

  /** Adds an area, or checks that one already added says the same. */
  add(where: string, a: Omit<GeographyArea, 'parents' | 'note'> & { note?: string | null }): GeographyArea {
    if (!GSS_CODE.test(a.code)) {
      this.problems.push(`${where}: "${a.code}" is not a GSS code`);
    }
    const known = this.byCode.get(a.code);
    if (known) {
      if (known.type !== a.type || known.name !== a.name)
        this.problems.push(
          `${where}: ${a.code} is "${known.name}" (${known.type}) elsewhere, "${a.name}" (${a.type}) here`,
        );
      return known;
    }
    const area: GeographyArea = { ...a, note: a.note ?? null, parents: [] };
    this.byCode.set(a.code, area);
    return area;
  }

  link(child: GeographyArea, parent: string): void {
    if (!child.parents.includes(parent)) child.parents.push(parent);
  }
}

/** "March 2021" for 2021-04-01: the last month before a change took effect. */
function monthBefore(isoDate: string): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(0);
  return d.toLocaleString('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });
}

const countryOfCode = (code: string): string => (code.startsWith('W') ? 'W92000004' : 'E92000001');

/** The hub's areas from the lookups; throws GeographyError listing every problem. */
export function buildGeography(rows: GeographyRows): Geography {
  const problems: string[] = [];
  const areas = new Areas(problems);

  const ew = areas.add('countries', {
    code: ENGLAND_AND_WALES,
    name: 'England and Wales',
    type: AreaType.COUNTRY,
    vintage: 2019,
    note: 'ONS code for England and Wales combined; police recorded crime is published at this level.',
  });

  // Countries, regions and counties, and each district's place under them.
  const upper = new Map<string, string>();
  for (const r of rows.counties) {
    const at = `counties ${r.LAD19CD}`;
    const country = areas.add(at, { code: r.CTRY19CD!, name: r.CTRY19NM!, type: AreaType.COUNTRY, vintage: 2019 });
    areas.link(country, ew.code);
    let above = country.code;
    if (r.RGN19CD) {
      const region = areas.add(at, { code: r.RGN19CD, name: r.RGN19NM!, type: AreaType.REGION, vintage: 2019 });
      areas.link(region, country.code);
      above = region.code;
    }
    if (r.CTY19CD) {
      const county = areas.add(at, { code: r.CTY19CD, name: r.CTY19NM!, type: AreaType.COUNTY, vintage: 2019 });
      areas.link(county, above);
      above = county.code;
    }
    upper.set(r.LAD19CD!, above);
  }

  // Police force areas and partnerships (2017), by 2017 district.
  const lad17 = new Map<string, Row>();
  for (const r of rows.partnerships) {
    const at = `partnerships ${r.LAD17CD}`;
    lad17.set(r.LAD17CD!, r);
    const pfa = areas.add(at, {
      code: r.PFA17CD!,
      name: r.PFA17NM!,
      type: AreaType.POLICE_FORCE_AREA,
      vintage: 2017,
    });
    areas.link(pfa, countryOfCode(pfa.code));
    const csp = areas.add(at, {
      code: r.CSP17CD!,
      name: r.CSP17NM!,
      type: AreaType.COMMUNITY_SAFETY_PARTNERSHIP,
      vintage: 2017,
    });
    areas.link(csp, pfa.code);
    if (csp.parents.length > 1) problems.push(`${at}: partnership ${csp.code} lies in more than one police force area`);
  }

  // Fire and rescue authorities (2019), with later mergers applied to the districts.
  const successor = new Map<string, Row>();
  for (const r of rows.fireSuccessors) successor.set(r.FRACD!, r);
  const fireOf = new Map<string, string>();
  for (const r of rows.fireAuthorities) {
    const at = `fire and rescue authorities ${r.LAD19CD}`;
    const next = successor.get(r.FRA19CD!);
    const fra = areas.add(at, {
      code: r.FRA19CD!,
      name: next ? `${r.FRA19NM!} (to ${monthBefore(next.FROM!)})` : r.FRA19NM!,
      type: AreaType.FIRE_AND_RESCUE_AUTHORITY,
      vintage: 2019,
      note: next ? `Merged into ${next.SUCCESSORNM} (${next.SUCCESSORCD}) on ${next.FROM}.` : null,
    });
    areas.link(fra, countryOfCode(fra.code));
    if (next) {
      const merged = areas.add(at, {
        code: next.SUCCESSORCD!,
        name: next.SUCCESSORNM!,
        type: AreaType.FIRE_AND_RESCUE_AUTHORITY,
        vintage: Number(next.FROM!.slice(0, 4)),
      });
      areas.link(merged, countryOfCode(merged.code));
    }
    fireOf.set(r.LAD19CD!, next ? next.SUCCESSORCD! : fra.code);
  }
  for (const [code, r] of successor) {
    const from = [...successor.values()].filter((s) => s.SUCCESSORCD === r.SUCCESSORCD).map((s) => s.FRACD);
    const merged = areas.byCode.get(r.SUCCESSORCD!);
    if (!areas.byCode.has(code)) problems.push(`fire successors: ${code} is not an authority of the lookup`);
    else if (merged && merged.note === null)
      merged.note = `Formed on ${r.FROM} from ${from.map((c) => `${areas.byCode.get(c!)?.name.replace(/ \(to .*\)$/, '') ?? c} (${c})`).join(' and ')}; earlier figures for those authorities stay under their own codes.`;
  }

  // Districts (2019), their LSOAs and MSOAs (2011).
  const lsoasOf = new Map<string, Row[]>();
  for (const r of rows.lsoas) {
    const list = lsoasOf.get(r.lad_code!);
    if (list) list.push(r);
    else lsoasOf.set(r.lad_code!, [r]);
  }
  const lad17ByName = new Map([...lad17.values()].map((r) => [r.LAD17NM!, r]));
  const changes: DistrictChange[] = [];
  const cspOfLsoa = new Map<string, string>();
  const succeeded = new Set<string>();
  for (const [code, lsoas] of lsoasOf) {
    const at = `lsoas ${code}`;
    const district = areas.add(at, {
      code,
      name: lsoas[0]!.lad_name!,
      type: AreaType.DISTRICT,
      vintage: 2019,
    });
    const above = upper.get(code);
    if (above) areas.link(district, above);
    else problems.push(`counties: district ${code} is missing`);
    const fire = fireOf.get(code);
    if (fire) areas.link(district, fire);
    else problems.push(`fire and rescue authorities: district ${code} is missing`);
    const same = lad17.get(code);
    if (same) {
      areas.link(district, same.PFA17CD!);
      areas.link(district, same.CSP17CD!);
      continue;
    }
    // A district the 2017 lookup does not know: its predecessors are the 2017 districts its
    // LSOAs are named after.
    const predecessorOf = new Map<string, Row>();
    for (const l of lsoas) {
      const before = lad17ByName.get(districtNameOfLsoa(l.lsoa_name!));
      if (!before || lsoasOf.has(before.LAD17CD!)) {
        problems.push(
          `lsoas ${l.lsoa_code}: district ${code} is not in the 2017 lookup, and the LSOA's name names no 2017 district it replaced`,
        );
        continue;
      }
      predecessorOf.set(l.lsoa_code!, before);
    }
    const predecessors = [...new Set([...predecessorOf.values()])].sort((a, b) => a.LAD17CD!.localeCompare(b.LAD17CD!));
    for (const p of predecessors) succeeded.add(p.LAD17CD!);
    const forces = new Set(predecessors.map((p) => p.PFA17CD!));
    const partnerships = new Set(predecessors.map((p) => p.CSP17CD!));
    if (forces.size !== 1)
      problems.push(`${at}: the 2017 districts it replaced lie in ${forces.size} police force areas`);
    for (const f of forces) areas.link(district, f);
    const names = predecessors.map((p) => `${p.LAD17NM} (${p.LAD17CD})`).join(', ');
    if (partnerships.size === 1) {
      const [csp] = partnerships;
      areas.link(district, csp!);
      district.note = `Formed in 2019 from ${names}; in partnership ${csp} through them.`;
      changes.push({ district: code, predecessors: predecessors.map((p) => p.LAD17CD!), partnership: csp! });
    } else {
      district.note = `Formed in 2019 from ${names}, which were in different community safety partnerships (${[...partnerships].sort().join(', ')}); no partnership in the 2017 lookup holds the whole district, so each of its LSOAs is tied to its own.`;
      for (const [lsoa, p] of predecessorOf) cspOfLsoa.set(lsoa, p.CSP17CD!);
      for (const csp of partnerships) {
        const area = areas.byCode.get(csp);
        if (area)
          area.note = `Its 2017 districts were merged in 2019 into ${district.name} (${code}), with districts of other partnerships: it holds its LSOAs of that district, not the district.`;
      }
      changes.push({ district: code, predecessors: predecessors.map((p) => p.LAD17CD!), partnership: null });
    }
  }
  for (const code of lad17.keys())
    if (!lsoasOf.has(code) && !succeeded.has(code))
      problems.push(`partnerships ${code}: a 2017 district neither in the LSOA lookup nor named by any of its LSOAs`);

  for (const r of rows.lsoas) {
    const at = `lsoas ${r.lsoa_code}`;
    const msoa = areas.add(at, { code: r.msoa_code!, name: r.msoa_name!, type: AreaType.MSOA, vintage: 2011 });
    areas.link(msoa, r.lad_code!);
    if (msoa.parents.length > 1) problems.push(`${at}: MSOA ${msoa.code} lies in more than one district`);
    const lsoa = areas.add(at, { code: r.lsoa_code!, name: r.lsoa_name!, type: AreaType.LSOA, vintage: 2011 });
    areas.link(lsoa, msoa.code);
    areas.link(lsoa, r.lad_code!);
    const csp = cspOfLsoa.get(lsoa.code);
    if (csp) areas.link(lsoa, csp);
  }

  for (const a of areas.byCode.values())
    for (const p of a.parents) if (!areas.byCode.has(p)) problems.push(`${a.code}: parent ${p} is not an area`);
  if (problems.length) throw new GeographyError(problems);
  return { areas: [...areas.byCode.values()], changes };
}
