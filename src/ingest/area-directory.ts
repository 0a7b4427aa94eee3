import type { DataSource } from 'typeorm';
import { Area, AreaParent, PartnershipArea } from '../entities';
import { AreaType } from '../domain/enums';

/** The areas and their links, indexed: built once per geography (see AreaDirectory.load). */
class AreaIndex {
  readonly byCode = new Map<string, Area>();
  readonly districtsByName = new Map<string, Area>();
  readonly parents = new Map<string, string[]>();
  readonly children = new Map<string, string[]>();

  constructor(areas: Area[], links: AreaParent[]) {
    for (const a of areas) {
      this.byCode.set(a.code, a);
      if (a.type === AreaType.DISTRICT) this.districtsByName.set(a.name.toLowerCase(), a);
    }
    for (const l of links) {
      const up = this.parents.get(l.childCode);
      if (up) up.push(l.parentCode);
      else this.parents.set(l.childCode, [l.parentCode]);
      const down = this.children.get(l.parentCode);
      if (down) down.push(l.childCode);
      else this.children.set(l.parentCode, [l.childCode]);
    }
  }
}

const cache = new WeakMap<DataSource, { stamp: string; index: AreaIndex }>();

/** What changes whenever the store's areas or links do, in ways the hub makes them change. */
async function geographyStamp(ds: DataSource): Promise<string> {
  const [row] = (await ds.query(
    `SELECT (SELECT content_hash FROM geography_version WHERE id = 1) AS hash,
            (SELECT COUNT(*) FROM area) AS areas, (SELECT COUNT(*) FROM area_parent) AS links`,
  )) as Array<{ hash: string | null; areas: number | string; links: number | string }>;
  return `${row?.hash ?? ''}|${row?.areas ?? 0}|${row?.links ?? 0}`;
}

/** The areas the hub knows, loaded once per run, for connectors to map names and codes. */
export class AreaDirectory {
  private readonly index: AreaIndex;
  private readonly covered: Set<string>;

  constructor(areas: Area[] | AreaIndex, links: AreaParent[] = [], partnershipAreas: string[] = []) {
    this.index = areas instanceof AreaIndex ? areas : new AreaIndex(areas, links);
    this.covered = new Set(partnershipAreas);
  }

  /**
   * The areas as the store holds them. Every run needs them and the geography is 42,000 areas
   * with 79,000 parent links (a tenth of a second to read, as long again to index), so the
   * index is kept per store and built again only when the geography's hash or the number of
   * areas or links has changed (a load of changed files; a source adding an LSOA). Which areas
   * the partnerships cover is read every time (a few rows, changed by any reference load).
   */
  static async load(ds: DataSource): Promise<AreaDirectory> {
    const [stamp, covered] = await Promise.all([geographyStamp(ds), ds.manager.find(PartnershipArea)]);
    let held = cache.get(ds);
    if (!held || held.stamp !== stamp) {
      const [areas, links] = await Promise.all([
        ds.query('SELECT code, name, type, note, vintage FROM area') as Promise<Area[]>,
        ds.query('SELECT child_code AS "childCode", parent_code AS "parentCode" FROM area_parent') as Promise<
          AreaParent[]
        >,
      ]);
      held = { stamp, index: new AreaIndex(areas, links) };
      cache.set(ds, held);
    }
    return new AreaDirectory(
      held.index,
      [],
      covered.map((c) => c.areaCode),
    );
  }

  get(code: string): Area | undefined {
    return this.index.byCode.get(code);
  }

  has(code: string): boolean {
    return this.index.byCode.has(code);
  }

  /** Every area the hub knows (for a connector to tell which of them a whole delivery covers). */
  list(): Area[] {
    return [...this.index.byCode.values()];
  }

  districtNamed(name: string): Area | undefined {
    return this.index.districtsByName.get(name.toLowerCase());
  }

  parentsOf(code: string): string[] {
    return this.index.parents.get(code) ?? [];
  }

  /** Areas directly under a parent (e.g. a district's LSOAs and MSOAs). */
  childrenOf(code: string): string[] {
    return this.index.children.get(code) ?? [];
  }

  /** Districts directly under a parent (e.g. the districts of a police force area). */
  districtsIn(parentCode: string): Area[] {
    return [...this.index.districtsByName.values()].filter((d) => this.parentsOf(d.code).includes(parentCode));
  }

  /**
   * The nearest area of a type above this one (an LSOA's district, a district's region), going
   * up through every parent, nearest first; undefined when there is none.
   */
  ancestorOfType(code: string, type: AreaType): Area | undefined {
    const seen = new Set<string>([code]);
    let level = this.parentsOf(code);
    while (level.length > 0) {
      const next: string[] = [];
      for (const parent of level) {
        if (seen.has(parent)) continue;
        seen.add(parent);
        const area = this.index.byCode.get(parent);
        if (area?.type === type) return area;
        next.push(...this.parentsOf(parent));
      }
      level = next;
    }
    return undefined;
  }

  /** Every area of a type directly above this one (a district's partnerships). */
  parentsOfType(code: string, type: AreaType): Area[] {
    return this.parentsOf(code)
      .map((p) => this.index.byCode.get(p))
      .filter((a): a is Area => a?.type === type);
  }

  /** Whether a partnership covers this area directly. */
  isPartnershipArea(code: string): boolean {
    return this.covered.has(code);
  }
}
