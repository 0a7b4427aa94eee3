import type { DataSource, EntityManager } from 'typeorm';
import type { Logger } from '../logging/logger';
import { placeholder, placeholders, rawRows } from '../store/sql';
import { bulkInsert } from '../store/bulk-insert';
import type { GeographyArea } from './geography-build';
import { buildGeography } from './geography-build';
import { geographyRows, readGeographyFiles } from './geography-files';

// Brings the store's areas and parent links in line with data/geography/, in one transaction.
// The files' hash is kept in geography_version: a start whose files hash the same reads that one
// row and nothing else (the files are read and hashed, not parsed). Areas are only ever added or
// updated, never deleted, since figures and keys may refer to them; an area's parent links are
// the geography's, so links the files no longer give are deleted. Areas no file gives (one a
// source revealed) keep their links.

export interface GeographyLoadReport {
  changed: boolean;
  areas: { inserted: number; updated: number };
  links: { inserted: number; deleted: number };
  ms: number;
}

interface AreaRow {
  code: string;
  name: string;
  type: string;
  note: string | null;
  vintage: number | null;
}

const VERSION_ROW = 1;
const linkKey = (child: string, parent: string): string => `${child}\u0000${parent}`;

async function storedHash(ds: DataSource): Promise<string | null> {
  const rows = await rawRows<{ content_hash: string }>(
    ds,
    `SELECT content_hash FROM geography_version WHERE id = ${placeholder(ds, 1)}`,
    [VERSION_ROW],
  );
  return rows[0]?.content_hash ?? null;
}

const differs = (a: AreaRow, b: GeographyArea): boolean =>
  a.name !== b.name || a.type !== b.type || (a.note ?? null) !== b.note || Number(a.vintage) !== b.vintage;

async function syncAreas(m: EntityManager, areas: GeographyArea[]): Promise<GeographyLoadReport['areas']> {
  const ds = m.connection;
  const existing = new Map(
    ((await m.query('SELECT code, name, type, note, vintage FROM area')) as AreaRow[]).map((r) => [r.code, r]),
  );
  const fresh = areas.filter((a) => !existing.has(a.code));
  await bulkInsert(
    m,
    'area',
    [
      ['code', 'varchar'],
      ['name', 'varchar'],
      ['type', 'varchar'],
      ['note', 'text'],
      ['vintage', 'int'],
    ],
    fresh.map((a) => [a.code, a.name, a.type, a.note, a.vintage]),
  );
  let updated = 0;
  for (const a of areas) {
    const before = existing.get(a.code);
    if (!before || !differs(before, a)) continue;
    await m.query(
      `UPDATE area SET name = ${placeholder(ds, 1)}, type = ${placeholder(ds, 2)}, note = ${placeholder(ds, 3)}, vintage = ${placeholder(ds, 4)} WHERE code = ${placeholder(ds, 5)}`,
      [a.name, a.type, a.note, a.vintage, a.code],
    );
    updated += 1;
  }
  return { inserted: fresh.length, updated };
}

async function syncLinks(m: EntityManager, areas: GeographyArea[]): Promise<GeographyLoadReport['links']> {
  const ds = m.connection;
  const ours = new Set(areas.map((a) => a.code));
  const wanted = new Set(areas.flatMap((a) => a.parents.map((p) => linkKey(a.code, p))));
  const existing = (await m.query('SELECT child_code, parent_code FROM area_parent')) as Array<{
    child_code: string;
    parent_code: string;
  }>;
  const have = new Set(existing.map((l) => linkKey(l.child_code, l.parent_code)));
  const stale = existing.filter((l) => ours.has(l.child_code) && !wanted.has(linkKey(l.child_code, l.parent_code)));
  for (const l of stale)
    await m.query(
      `DELETE FROM area_parent WHERE child_code = ${placeholder(ds, 1)} AND parent_code = ${placeholder(ds, 2)}`,
      [l.child_code, l.parent_code],
    );
  const fresh = areas.flatMap((a) => a.parents.filter((p) => !have.has(linkKey(a.code, p))).map((p) => [a.code, p]));
  await bulkInsert(
    m,
    'area_parent',
    [
      ['child_code', 'varchar'],
      ['parent_code', 'varchar'],
    ],
    fresh,
  );
  return { inserted: fresh.length, deleted: stale.length };
}

/** Loads the geography in `dir` unless the store already holds exactly these files. */
export async function loadGeography(ds: DataSource, dir: string, logger: Logger): Promise<GeographyLoadReport> {
  const started = Date.now();
  const files = readGeographyFiles(dir);
  if ((await storedHash(ds)) === files.hash) {
    const ms = Date.now() - started;
    logger.info('geography unchanged', { dir, ms });
    return { changed: false, areas: { inserted: 0, updated: 0 }, links: { inserted: 0, deleted: 0 }, ms };
  }
  logger.info('geography loading', { dir });
  const { areas } = buildGeography(geographyRows(files));
  const report = await ds.transaction(async (m) => {
    const areaChanges = await syncAreas(m, areas);
    const linkChanges = await syncLinks(m, areas);
    await m.query(`DELETE FROM geography_version WHERE id = ${placeholder(ds, 1)}`, [VERSION_ROW]);
    await m.query(`INSERT INTO geography_version (id, content_hash, areas) VALUES (${placeholders(ds, 3)})`, [
      VERSION_ROW,
      files.hash,
      areas.length,
    ]);
    return { areas: areaChanges, links: linkChanges };
  });
  const ms = Date.now() - started;
  logger.info('geography loaded', { dir, total: areas.length, ...report, ms });
  return { changed: true, ...report, ms };
}
