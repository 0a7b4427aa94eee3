import type { DataSource } from 'typeorm';
import { Area, AreaParent, PartnershipArea } from '../entities';
import { AreaType } from '../domain/enums';

/** The areas the hub knows, loaded once per run, for connectors to map names and codes. */
export class AreaDirectory {
  private readonly byCode = new Map<string, Area>();
  private readonly districtsByName = new Map<string, Area>();
  private readonly parents = new Map<string, string[]>();
  private readonly covered: Set<string>;

  constructor(areas: Area[], links: AreaParent[], partnershipAreas: string[] = []) {
    this.covered = new Set(partnershipAreas);
    for (const a of areas) {
      this.byCode.set(a.code, a);
      if (a.type === AreaType.DISTRICT) this.districtsByName.set(a.name.toLowerCase(), a);
    }
    for (const l of links) this.parents.set(l.childCode, [...(this.parents.get(l.childCode) ?? []), l.parentCode]);
  }

  static async load(ds: DataSource): Promise<AreaDirectory> {
    const [areas, links, covered] = await Promise.all([
      ds.manager.find(Area),
      ds.manager.find(AreaParent),
      ds.manager.find(PartnershipArea),
    ]);
    return new AreaDirectory(
      areas,
      links,
      covered.map((c) => c.areaCode),
    );
  }

  get(code: string): Area | undefined {
    return this.byCode.get(code);
  }

  has(code: string): boolean {
    return this.byCode.has(code);
  }

  /** Every area the hub knows (for a connector to tell which of them a whole delivery covers). */
  list(): Area[] {
    return [...this.byCode.values()];
  }

  districtNamed(name: string): Area | undefined {
    return this.districtsByName.get(name.toLowerCase());
  }

  parentsOf(code: string): string[] {
    return this.parents.get(code) ?? [];
  }

  /** Districts directly under a parent (e.g. the districts of a police force area). */
  districtsIn(parentCode: string): Area[] {
    return [...this.districtsByName.values()].filter((d) => this.parentsOf(d.code).includes(parentCode));
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
        const area = this.byCode.get(parent);
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
      .map((p) => this.byCode.get(p))
      .filter((a): a is Area => a?.type === type);
  }

  /** Whether a partnership covers this area directly. */
  isPartnershipArea(code: string): boolean {
    return this.covered.has(code);
  }
}
