import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { placeholders, rawRows } from '../store/sql';

export interface AreaPartnershipRow {
  areaCode: string;
  partnershipSlug: string;
}

/**
 * Partnerships covering each area: those covering the area itself or any area above it
 * (an LSOA is covered by its district's partnership). One recursive statement for all keys.
 */
export function areaAncestorsLoader(ds: DataSource): DataLoader<string, AreaPartnershipRow[]> {
  return new DataLoader<string, AreaPartnershipRow[]>(async (codes) => {
    const sql = `
      WITH RECURSIVE up(start_code, code) AS (
        SELECT code, code FROM area WHERE code IN (${placeholders(ds, codes.length)})
        UNION
        SELECT up.start_code, ap.parent_code FROM up JOIN area_parent ap ON ap.child_code = up.code
      )
      SELECT DISTINCT up.start_code AS area_code, pa.partnership_slug AS partnership_slug
      FROM up JOIN partnership_area pa ON pa.area_code = up.code
      ORDER BY pa.partnership_slug`;
    const rows = await rawRows<{ area_code: string; partnership_slug: string }>(ds, sql, [...codes]);
    return codes.map((c) =>
      rows
        .filter((r) => r.area_code === c)
        .map((r) => ({ areaCode: r.area_code, partnershipSlug: r.partnership_slug })),
    );
  });
}
