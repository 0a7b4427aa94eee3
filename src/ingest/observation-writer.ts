import type { DataSource, EntityManager } from 'typeorm';
import { groupBy } from '../analytics/group-by';
import { parsePeriod } from '../analytics/period';
import { Area, AreaParent, Observation, ObservationRevision, RejectedRow } from '../entities';
import type { AreaInput, ObservationInput, RejectedInput } from './connector';
import { insertRows, toStore } from '../store/insert-rows';
import { placeholder, placeholders } from '../store/sql';

// Writes a run's output inside the caller's transaction. Observations are upserted by
// measure, area and period: unchanged values are left alone (a re-run changes nothing), a
// changed value keeps the earlier one as a revision, a new one is inserted.

export interface Provenance {
  datasetId: string;
  ingestRunId: number;
  sourceUrl: string;
  retrievedAt: Date;
}

export interface WriteCounts {
  inserted: number;
  updated: number;
  unchanged: number;
}

// Inputs per lookup of existing rows, and so per INSERT of new ones: 400 figures of 19 values
// each stay under both stores' limits on bound parameters (see insert-rows.ts).
const CHUNK = 400;

/** The columns of an existing row that a new figure is compared with, as the store returns them. */
interface Existing {
  id: number;
  area_code: string;
  period: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  lower_ci: number | null;
  upper_ci: number | null;
  note: string | null;
  // SQLite has no boolean type: it answers 0 or 1.
  suppressed: boolean | number;
}

const same = (a: number | null | undefined, b: number | null | undefined): boolean => (a ?? null) === (b ?? null);

function changed(current: Existing, next: ObservationInput): boolean {
  return !(
    same(current.value, next.value) &&
    same(current.numerator, next.numerator) &&
    same(current.denominator, next.denominator) &&
    same(current.lower_ci, next.lowerCi) &&
    same(current.upper_ci, next.upperCi) &&
    (current.note ?? null) === (next.note ?? null) &&
    (current.suppressed === true || current.suppressed === 1) === (next.suppressed ?? false)
  );
}

/** The columns of a new observation, in the order writeObservations gives their values. */
const NEW_ROW = [
  'measureCode',
  'areaCode',
  'period',
  'frequency',
  'periodStart',
  'periodEnd',
  'value',
  'numerator',
  'denominator',
  'lowerCi',
  'upperCi',
  'note',
  'suppressed',
  'datasetId',
  'ingestRunId',
  'sourceDocument',
  'sourceUrl',
  'retrievedAt',
  'updatedAt',
] as const;

const key = (areaCode: string, period: string): string => `${areaCode}|${period}`;

// Statements written here rather than through TypeORM's find, insert and update, whose query
// building cost several times the store's own work on a large run (architecture.md, 4.10).

function lookupSql(ds: DataSource, areas: number, periods: number): string {
  return `SELECT id, area_code, period, value, numerator, denominator, lower_ci, upper_ci, note, suppressed
    FROM observation WHERE measure_code = ${placeholder(ds, 1)}
    AND area_code IN (${placeholders(ds, areas, 1)}) AND period IN (${placeholders(ds, periods, 1 + areas)})`;
}

// A revision copies the row as stored (its dates and booleans keep their stored form) before
// the row is updated. Revisions of one chunk are numbered in the order of their rows' ids.
const REVISION_COLUMNS =
  'value, numerator, denominator, lower_ci, upper_ci, suppressed, note, dataset_id, ingest_run_id, source_document, source_url, retrieved_at';

function revisionSql(ds: DataSource, ids: number): string {
  return `INSERT INTO observation_revision (observation_id, ${REVISION_COLUMNS}, superseded_at)
    SELECT id, ${REVISION_COLUMNS}, ${placeholder(ds, 1)} FROM observation WHERE id IN (${placeholders(ds, ids, 1)}) ORDER BY id`;
}

// The changed rows of a chunk in one UPDATE … FROM (VALUES …), a row of values per figure: the
// id, then the figure's own columns. The provenance, the same for every row, is bound once.
// VALUES columns are named column1, column2, … on both stores. PostgreSQL types a VALUES
// column from its contents, so each placeholder is cast to its column's type there; SQLite
// applies the target column's affinity on assignment and takes no casts.
const UPDATED = ['value', 'numerator', 'denominator', 'lower_ci', 'upper_ci', 'note', 'suppressed'];
const UPDATE_TYPES = [
  'integer',
  ...UPDATED.map((c) => (c === 'note' ? 'text' : c === 'suppressed' ? 'boolean' : 'double precision')),
];
const PROVENANCE = ['dataset_id', 'ingest_run_id', 'source_url', 'retrieved_at', 'updated_at'];

function updateSql(ds: DataSource, rows: number): string {
  const pg = ds.options.type === 'postgres';
  const set = [
    ...UPDATED.map((c, i) => `${c} = v.column${i + 2}`),
    ...PROVENANCE.map((c, i) => `${c} = ${placeholder(ds, i + 1)}`),
  ];
  const tuples: string[] = [];
  let n = PROVENANCE.length;
  for (let r = 0; r < rows; r += 1)
    tuples.push(`(${UPDATE_TYPES.map((type) => (pg ? `$${(n += 1)}::${type}` : '?')).join(', ')})`);
  return `UPDATE observation SET ${set.join(', ')} FROM (VALUES ${tuples.join(', ')}) AS v WHERE observation.id = v.column1`;
}

export async function writeObservations(
  m: EntityManager,
  inputs: ObservationInput[],
  p: Provenance,
): Promise<WriteCounts> {
  const ds = m.connection;
  const counts: WriteCounts = { inserted: 0, updated: 0, unchanged: 0 };
  // In the form the store keeps them (see toStore), converted once: a run's rows share them.
  const stamp = toStore(ds, Observation, 'retrievedAt', p.retrievedAt);
  const superseded = toStore(ds, ObservationRevision, 'supersededAt', p.retrievedAt);
  const yes = toStore(ds, Observation, 'suppressed', true);
  const no = toStore(ds, Observation, 'suppressed', false);
  const provenance = [p.datasetId, p.ingestRunId, p.sourceUrl, stamp, stamp];
  for (const [measureCode, list] of groupBy(inputs, (o) => o.measureCode)) {
    for (let i = 0; i < list.length; i += CHUNK) {
      const chunk = list.slice(i, i + CHUNK);
      const areas = [...new Set(chunk.map((o) => o.areaCode))];
      const periods = [...new Set(chunk.map((o) => o.period))];
      const existing = (await m.query(lookupSql(ds, areas.length, periods.length), [
        measureCode,
        ...areas,
        ...periods,
      ])) as Existing[];
      const current = new Map(existing.map((o) => [key(o.area_code, o.period), o]));
      const inserts: unknown[][] = [];
      const ids: number[] = [];
      const updates: unknown[] = [...provenance];
      for (const o of chunk) {
        const found = current.get(key(o.areaCode, o.period));
        if (!found) {
          const span = parsePeriod(o.period);
          inserts.push([
            measureCode,
            o.areaCode,
            o.period,
            span.frequency,
            span.start,
            span.end,
            o.value,
            o.numerator ?? null,
            o.denominator ?? null,
            o.lowerCi ?? null,
            o.upperCi ?? null,
            o.note ?? null,
            o.suppressed ?? false,
            p.datasetId,
            p.ingestRunId,
            null,
            p.sourceUrl,
            p.retrievedAt,
            p.retrievedAt,
          ]);
        } else if (changed(found, o)) {
          ids.push(found.id);
          updates.push(
            found.id,
            o.value,
            o.numerator ?? null,
            o.denominator ?? null,
            o.lowerCi ?? null,
            o.upperCi ?? null,
            o.note ?? null,
            (o.suppressed ?? false) ? yes : no,
          );
        } else counts.unchanged += 1;
      }
      if (ids.length) {
        await m.query(revisionSql(ds, ids.length), [superseded, ...ids]);
        await m.query(updateSql(ds, ids.length), updates);
        counts.updated += ids.length;
      }
      await insertRows(m, Observation, NEW_ROW, inserts);
      counts.inserted += inserts.length;
    }
  }
  return counts;
}

/** Adds areas a source revealed (LSOAs of the partnerships' districts), leaving known ones as they are. */
export async function writeAreas(m: EntityManager, areas: AreaInput[]): Promise<number> {
  if (areas.length === 0) return 0;
  const ds = m.connection;
  const known = new Set<string>();
  for (let i = 0; i < areas.length; i += CHUNK) {
    const codes = areas.slice(i, i + CHUNK).map((a) => a.code);
    const rows = (await m.query(
      `SELECT code FROM area WHERE code IN (${placeholders(ds, codes.length)})`,
      codes,
    )) as Array<{
      code: string;
    }>;
    for (const r of rows) known.add(r.code);
  }
  const fresh = areas.filter((a) => !known.has(a.code));
  await insertRows(
    m,
    Area,
    ['code', 'name', 'type', 'note'],
    fresh.map((a) => [a.code, a.name, a.type, null]),
  );
  await insertRows(
    m,
    AreaParent,
    ['childCode', 'parentCode'],
    fresh.flatMap((a) => a.parents.map((parentCode) => [a.code, parentCode])),
  );
  return fresh.length;
}

const RAW_LIMIT = 2000;

export async function writeRejected(m: EntityManager, runId: number, rejected: RejectedInput[]): Promise<void> {
  await insertRows(
    m,
    RejectedRow,
    ['runId', 'line', 'reason', 'raw'],
    rejected.map((r) => [runId, r.line, r.reason, r.raw.length > RAW_LIMIT ? `${r.raw.slice(0, RAW_LIMIT)}…` : r.raw]),
  );
}
