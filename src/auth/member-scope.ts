import type { DataSource } from 'typeorm';
import { MeasureAccess } from '../domain/enums';
import { placeholder, rawRows } from '../store/sql';
import { Visibility } from './visibility';

// Where an organisation is a member: the partnerships it belongs to (as a partner or in one of
// their groups), the areas they cover, and every area inside those (an LSOA in a district).
// The same SQL serves two uses, so the rule is written once: read once per request into a
// Visibility, and inlined into the statements that page through observations.

/** SQL yielding the codes of the areas where the organisation bound at `index` is a member. */
export function memberAreasSql(ds: DataSource, index: number): string {
  return `
    WITH RECURSIVE member_area(code) AS (
      SELECT pa.area_code FROM partnership_area pa
      JOIN membership ms ON ms.partnership_slug = pa.partnership_slug
      WHERE ms.organisation_id = ${placeholder(ds, index)}
      UNION
      SELECT ap.child_code FROM member_area JOIN area_parent ap ON ap.parent_code = member_area.code
    )
    SELECT code FROM member_area`;
}

/**
 * A boolean SQL expression over `o` (observation) and `m` (its measure): whether the row's
 * figures are wholly visible to the organisation (null: anonymous). Parameters start at `index`.
 */
export function seesAllSql(
  ds: DataSource,
  organisationId: string | null,
  index: number,
): { sql: string; params: unknown[] } {
  if (organisationId === null) return { sql: `m.access = '${MeasureAccess.PUBLIC}'`, params: [] };
  return {
    sql: `(m.access = '${MeasureAccess.PUBLIC}' OR m.owner_organisation_id = ${placeholder(ds, index)} OR o.area_code IN (${memberAreasSql(ds, index + 1)}))`,
    params: [organisationId, organisationId],
  };
}

/** What the organisation may see; anonymous requests cost no statement. */
export async function loadVisibility(
  ds: DataSource,
  organisationId: string | null,
  threshold: number,
): Promise<Visibility> {
  if (organisationId === null) return Visibility.anonymous(threshold);
  const sql = `
    SELECT 'area' AS kind, code FROM (${memberAreasSql(ds, 1)}) a
    UNION ALL
    SELECT DISTINCT 'partnership' AS kind, partnership_slug AS code FROM membership WHERE organisation_id = ${placeholder(ds, 2)}`;
  const rows = await rawRows<{ kind: string; code: string }>(ds, sql, [organisationId, organisationId]);
  const of = (kind: string): Set<string> => new Set(rows.filter((r) => r.kind === kind).map((r) => r.code));
  return new Visibility(organisationId, of('area'), of('partnership'), threshold);
}
