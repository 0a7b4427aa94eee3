import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { AreaType } from '../domain/enums';
import { matchingPartnershipArea } from '../domain/partnership-area';
import { placeholders, rawRows } from '../store/sql';

/**
 * The community safety partnership area of each partnership (by slug), or null: the one whose
 * districts are exactly the partnership's. Two statements for all keys: the partnership areas
 * above the partnerships' districts, then the districts of those areas.
 */
export function partnershipAreaLoader(ds: DataSource): DataLoader<string, string | null> {
  return new DataLoader<string, string | null>(async (slugs) => {
    // Every district of each partnership, with the partnership area above it if there is one.
    const above = await rawRows<{ slug: string; district: string; area: string | null }>(
      ds,
      `SELECT pa.partnership_slug AS slug, pa.area_code AS district, ap.parent_code AS area
         FROM partnership_area pa
         LEFT JOIN area_parent ap ON ap.child_code = pa.area_code
          AND ap.parent_code IN (SELECT code FROM area WHERE type = '${AreaType.COMMUNITY_SAFETY_PARTNERSHIP}')
        WHERE pa.partnership_slug IN (${placeholders(ds, slugs.length)})`,
      [...slugs],
    );
    const areas = [...new Set(above.flatMap((r) => (r.area === null ? [] : [r.area])))];
    const below = areas.length
      ? await rawRows<{ area: string; district: string }>(
          ds,
          `SELECT ap.parent_code AS area, ap.child_code AS district
             FROM area_parent ap JOIN area d ON d.code = ap.child_code AND d.type = '${AreaType.DISTRICT}'
            WHERE ap.parent_code IN (${placeholders(ds, areas.length)})`,
          areas,
        )
      : [];
    const districtsOf = new Map<string, string[]>();
    for (const r of below) districtsOf.set(r.area, [...(districtsOf.get(r.area) ?? []), r.district]);
    return slugs.map((slug) => {
      const mine = above.filter((r) => r.slug === slug);
      const candidates = new Map(
        [...new Set(mine.flatMap((r) => (r.area === null ? [] : [r.area])))].map((a) => [a, districtsOf.get(a) ?? []]),
      );
      const districts = [...new Set(mine.map((r) => r.district))];
      return matchingPartnershipArea(districts, candidates);
    });
  });
}
