import type { DataSource, EntityManager } from 'typeorm';
import { groupBy } from '../analytics/group-by';
import { parsePeriod } from '../analytics/period';
import { RevisionReason } from '../domain/enums';
import { Area, AreaParent, CompetingFigure, Observation, ObservationRevision, RejectedRow } from '../entities';
import { markChanged } from './aftermath';
import { areaRanks, inKeyOrder } from './key-order';
import { decide, differs, inConflict, type FigureWord, type ShownFigure } from './precedence';
import type { AreaInput, ObservationInput, RejectedInput } from './connector';
import { insertColumns, insertRows, toStore, type ColumnValues } from '../store/insert-rows';
import { yieldToLoop } from '../store/yield-to-loop';
import { placeholder, placeholders } from '../store/sql';

// The one writer of figures, whatever their door (a connector's run, a partner's submission or
// withdrawal, the plans' quoted figures). It writes inside the caller's transaction. Figures are
// keyed by measure, area and period; which source's value a figure shows is decided in
// precedence.ts: an unchanged re-delivery changes nothing, a changed value keeps the one it
// replaces as a revision (with its source), and a later change from another source wins while
// the other source's word is kept and the figure flagged as a conflict. The measures whose figures
// changed are marked, in the same transaction, for their aftermath (figures-changed.ts).

export interface Provenance {
  datasetId: string;
  /** The source the figures come from (see Observation.sourceKey). */
  sourceKey: string;
  ingestRunId: number | null;
  sourceUrl: string | null;
  retrievedAt: Date;
}

export interface WriteCounts {
  inserted: number;
  updated: number;
  unchanged: number;
}

export interface WriteResult extends WriteCounts {
  /** Measures whose shown figures changed (inserted, updated or withdrawn), in the order first met. */
  changedMeasures: string[];
}

/** A figure as a door delivers it: the connector's input, plus the document a quoted figure cites. */
export interface FigureInput extends ObservationInput {
  sourceDocument?: string | null;
}

// Inputs per lookup of existing rows, and so per INSERT of new ones: 400 figures of 20 values
// each stay under both stores' limits on bound parameters (see insert-rows.ts).
const CHUNK = 400;

/** The columns of an existing row that decide what to do with a new figure, as the store returns them. */
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
  source_document: string | null;
  source_key: string;
  // SQLite has no boolean type: it answers 0 or 1.
  suppressed: boolean | number;
  conflict: boolean | number;
  withdrawn_at: unknown;
}

const truth = (v: boolean | number): boolean => v === true || v === 1;

function shown(e: Existing): ShownFigure & { sourceDocument: string | null } {
  return {
    value: e.value,
    numerator: e.numerator,
    denominator: e.denominator,
    lowerCi: e.lower_ci,
    upperCi: e.upper_ci,
    note: e.note,
    suppressed: truth(e.suppressed),
    sourceDocument: e.source_document,
    sourceKey: e.source_key,
    withdrawn: e.withdrawn_at !== null && e.withdrawn_at !== undefined,
    conflict: truth(e.conflict),
  };
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
  'sourceKey',
] as const;

/** The columns of another source's word, in the order the writer gives their values. */
const WORD_ROW = [
  'observationId',
  'sourceKey',
  'value',
  'numerator',
  'denominator',
  'lowerCi',
  'upperCi',
  'suppressed',
  'note',
  'datasetId',
  'ingestRunId',
  'sourceUrl',
  'retrievedAt',
] as const;

const key = (areaCode: string, period: string): string => `${areaCode}|${period}`;

// Statements written here rather than through TypeORM's find, insert and update, whose query
// building cost several times the store's own work on a large run (architecture.md, 4.10).

function lookupSql(ds: DataSource, areas: number, periods: number): string {
  return `SELECT id, area_code, period, value, numerator, denominator, lower_ci, upper_ci, note, source_document,
    source_key, suppressed, conflict, withdrawn_at
    FROM observation WHERE measure_code = ${placeholder(ds, 1)}
    AND area_code IN (${placeholders(ds, areas, 1)}) AND period IN (${placeholders(ds, periods, 1 + areas)})`;
}

interface StoredWord {
  observation_id: number;
  source_key: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  lower_ci: number | null;
  upper_ci: number | null;
  note: string | null;
  suppressed: boolean | number;
}

/** Other sources' latest words for these figures, by figure id and source (see storedWords). */
async function wordsOf(m: EntityManager, ids: number[]): Promise<Map<number, Map<string, FigureWord>>> {
  const out = new Map<number, Map<string, FigureWord>>();
  for (const [id, list] of await storedWords(m, ids)) out.set(id, new Map(list.map((w) => [w.sourceKey, w])));
  return out;
}

// A revision copies the row as stored (its dates and booleans keep their stored form) before
// the row is updated. Revisions of one statement are numbered in the order of their rows' ids.
const REVISION_COLUMNS =
  'value, numerator, denominator, lower_ci, upper_ci, suppressed, note, dataset_id, ingest_run_id, source_document, source_url, retrieved_at, source_key';

async function keepRevisions(m: EntityManager, ids: number[], reason: RevisionReason, at: unknown): Promise<void> {
  if (!ids.length) return;
  const ds = m.connection;
  await m.query(
    `INSERT INTO observation_revision (observation_id, ${REVISION_COLUMNS}, superseded_at, reason)
    SELECT id, ${REVISION_COLUMNS}, ${placeholder(ds, 1)}, ${placeholder(ds, 2)} FROM observation
    WHERE id IN (${placeholders(ds, ids.length, 2)}) ORDER BY id`,
    [at, reason, ...ids],
  );
}

// The shown word of these figures becomes their source's standing word, before they are updated.
const WORD_COLUMNS =
  'source_key, value, numerator, denominator, lower_ci, upper_ci, suppressed, note, dataset_id, ingest_run_id, source_url, retrieved_at';

async function keepShownWords(m: EntityManager, ids: number[]): Promise<void> {
  if (!ids.length) return;
  await m.query(
    `INSERT INTO competing_figure (observation_id, ${WORD_COLUMNS})
    SELECT id, ${WORD_COLUMNS} FROM observation WHERE id IN (${placeholders(m.connection, ids.length)}) ORDER BY id`,
    ids,
  );
}

async function dropWords(m: EntityManager, sourceKey: string, ids: number[]): Promise<void> {
  if (!ids.length) return;
  const ds = m.connection;
  await m.query(
    `DELETE FROM competing_figure WHERE source_key = ${placeholder(ds, 1)} AND observation_id IN (${placeholders(ds, ids.length, 1)})`,
    [sourceKey, ...ids],
  );
}

async function setConflict(m: EntityManager, ids: number[], conflict: boolean): Promise<void> {
  if (!ids.length) return;
  const ds = m.connection;
  await m.query(
    `UPDATE observation SET conflict = ${placeholder(ds, 1)} WHERE id IN (${placeholders(ds, ids.length, 1)})`,
    [toStore(ds, Observation, 'conflict', conflict), ...ids],
  );
}

// The changed rows of a chunk in one UPDATE … FROM (VALUES …), a row of values per figure: the
// id, then the figure's own columns. The provenance, the same for every row, is bound once.
// VALUES columns are named column1, column2, … on both stores. PostgreSQL types a VALUES
// column from its contents, so each placeholder is cast to its column's type there; SQLite
// applies the target column's affinity on assignment and takes no casts.
const UPDATED = [
  'value',
  'numerator',
  'denominator',
  'lower_ci',
  'upper_ci',
  'note',
  'suppressed',
  'conflict',
  'source_document',
];
const TYPE_OF: Record<string, string> = {
  note: 'text',
  suppressed: 'boolean',
  conflict: 'boolean',
  source_document: 'varchar',
};
const UPDATE_TYPES = ['integer', ...UPDATED.map((c) => TYPE_OF[c] ?? 'double precision')];
const PROVENANCE = ['dataset_id', 'ingest_run_id', 'source_url', 'retrieved_at', 'updated_at', 'source_key'];

function updateSql(ds: DataSource, rows: number): string {
  const pg = ds.options.type === 'postgres';
  const set = [
    ...UPDATED.map((c, i) => `${c} = v.column${i + 2}`),
    ...PROVENANCE.map((c, i) => `${c} = ${placeholder(ds, i + 1)}`),
    'withdrawn_at = NULL',
  ];
  const tuples: string[] = [];
  let n = PROVENANCE.length;
  for (let r = 0; r < rows; r += 1)
    tuples.push(`(${UPDATE_TYPES.map((type) => (pg ? `$${(n += 1)}::${type}` : '?')).join(', ')})`);
  return `UPDATE observation SET ${set.join(', ')} FROM (VALUES ${tuples.join(', ')}) AS v WHERE observation.id = v.column1`;
}

// Keys per probe of anyFigure: each is one seek in the unique index (measure, area, period).
// SQLite takes them as an IN list. PostgreSQL takes them as one array (= ANY): for a national
// month, 571 probes of 1,000 placeholders each took 0.9 s of the run, and 151 probes of 5,000
// keys as arrays took 0.4 s.
const PROBE = { sqlite: 1000, postgres: 5000 };

/**
 * Whether the store holds any of these figures (by measure, area and period). Asked by key, a
 * period and a slice of areas at a time, so that each probe is index seeks: a new month on a
 * store holding years of a measure costs the same as on an empty one.
 */
async function anyFigure(m: EntityManager, measureCode: string, list: FigureInput[]): Promise<boolean> {
  const pg = m.connection.options.type === 'postgres';
  const size = pg ? PROBE.postgres : PROBE.sqlite;
  for (const [period, figures] of groupBy(list, (o) => o.period)) {
    for (let i = 0; i < figures.length; i += size) {
      const areas = figures.slice(i, i + size).map((o) => o.areaCode);
      const rows = (await (pg
        ? m.query(
            'SELECT 1 AS found FROM observation WHERE measure_code = $1 AND period = $2 AND area_code = ANY($3::varchar[]) LIMIT 1',
            [measureCode, period, areas],
          )
        : m.query(
            `SELECT 1 AS found FROM observation WHERE measure_code = ? AND period = ?
            AND area_code IN (${placeholders(m.connection, areas.length)}) LIMIT 1`,
            [measureCode, period, ...areas],
          ))) as unknown[];
      if (rows.length) return true;
    }
  }
  return false;
}

/**
 * The values of new figures' rows, by column in NEW_ROW's order: for a first delivery, whose
 * figures are many (a national month's 531,000), a few arrays rather than an array per figure.
 */
function newColumns(measureCode: string, figures: readonly FigureInput[], p: Provenance): ColumnValues[] {
  const n = figures.length;
  const area = new Array<unknown>(n);
  const period = new Array<unknown>(n);
  const frequency = new Array<unknown>(n);
  const start = new Array<unknown>(n);
  const end = new Array<unknown>(n);
  const value = new Array<unknown>(n);
  const numerator = new Array<unknown>(n);
  const denominator = new Array<unknown>(n);
  const lowerCi = new Array<unknown>(n);
  const upperCi = new Array<unknown>(n);
  const note = new Array<unknown>(n);
  const suppressed = new Array<unknown>(n);
  const doc = new Array<unknown>(n);
  // One pass over the figures, filling every column: a pass per column cost twice as much.
  for (let i = 0; i < n; i += 1) {
    const o = figures[i]!;
    const span = parsePeriod(o.period); // kept by period string in period.ts
    area[i] = o.areaCode;
    period[i] = o.period;
    frequency[i] = span.frequency;
    start[i] = span.start;
    end[i] = span.end;
    value[i] = o.value;
    numerator[i] = o.numerator ?? null;
    denominator[i] = o.denominator ?? null;
    lowerCi[i] = o.lowerCi ?? null;
    upperCi[i] = o.upperCi ?? null;
    note[i] = o.note ?? null;
    suppressed[i] = o.suppressed ?? false;
    doc[i] = o.sourceDocument ?? null;
  }
  const byProperty: Record<(typeof NEW_ROW)[number], ColumnValues> = {
    measureCode: { same: measureCode },
    areaCode: area,
    period,
    frequency,
    periodStart: start,
    periodEnd: end,
    value,
    numerator,
    denominator,
    lowerCi,
    upperCi,
    note,
    suppressed,
    datasetId: { same: p.datasetId },
    ingestRunId: { same: p.ingestRunId },
    sourceDocument: doc,
    sourceUrl: { same: p.sourceUrl },
    retrievedAt: { same: p.retrievedAt },
    updatedAt: { same: p.retrievedAt },
    sourceKey: { same: p.sourceKey },
  };
  return NEW_ROW.map((property) => byProperty[property]);
}

interface Change {
  id: number;
  figure: FigureInput;
  conflict: boolean;
}

export interface WriteOptions {
  /**
   * Let the event loop run between chunks: only for a transaction on a connection no request
   * reads through (an ingest's bulk connection, src/store/bulk-connection.ts). Every statement
   * blocks the loop on better-sqlite3, so a long write would otherwise hold every request.
   */
  yieldBetweenChunks?: boolean;
}

/** Writes the figures of one source: see the head of this file. */
export async function writeObservations(
  m: EntityManager,
  inputs: FigureInput[],
  p: Provenance,
  options: WriteOptions = {},
): Promise<WriteResult> {
  const ds = m.connection;
  const result: WriteResult = { inserted: 0, updated: 0, unchanged: 0, changedMeasures: [] };
  // In the form the store keeps them (see toStore), converted once: a run's rows share them.
  const stamp = toStore(ds, Observation, 'retrievedAt', p.retrievedAt);
  const superseded = toStore(ds, ObservationRevision, 'supersededAt', p.retrievedAt);
  const yes = toStore(ds, Observation, 'suppressed', true);
  const no = toStore(ds, Observation, 'suppressed', false);
  const provenance = [p.datasetId, p.ingestRunId, p.sourceUrl, stamp, stamp, p.sourceKey];
  // Every area of the write in code order, once: each measure's figures are placed by it.
  const ranks = areaRanks(inputs.map((o) => o.areaCode));
  for (const [measureCode, given] of groupBy(inputs, (o) => o.measureCode)) {
    let changed = false;
    // In the order of the store's indexes on figures (measure, area, period): a B-tree takes
    // rows in key order several times faster than scattered (architecture.md, 4.11). A figure
    // given twice in one write is written once, as its last row gives it (as a second statement
    // would leave it); the earlier row counts as unchanged.
    const { list, dropped } = inKeyOrder(given, ranks);
    result.unchanged += dropped;
    // Past one chunk, a first delivery of this measure for these periods (every figure new,
    // nothing to compare: precedence.ts decides 'insert' for a figure not yet held) is written
    // without the chunks' lookups. One chunk's lookup answers the same question itself, so a
    // small write (a submission) is not asked it twice.
    if (list.length > CHUNK && !(await anyFigure(m, measureCode, list))) {
      // The measure's columns at once, no longer a slice of rows at a time: 13 arrays as long as
      // its figures (some 35,000 for a national month) cost less than the rows did, and the
      // ingest's peak memory stayed where it was (performance.md 6).
      await insertColumns(m, Observation, NEW_ROW, newColumns(measureCode, list, p), list.length, options);
      result.inserted += list.length;
      if (list.length) result.changedMeasures.push(measureCode);
      continue;
    }
    for (let i = 0; i < list.length; i += CHUNK) {
      const chunk = list.slice(i, i + CHUNK);
      const areas = [...new Set(chunk.map((o) => o.areaCode))];
      const periods = [...new Set(chunk.map((o) => o.period))];
      const existing = (await m.query(lookupSql(ds, areas.length, periods.length), [
        measureCode,
        ...areas,
        ...periods,
      ])) as Existing[];
      const current = new Map(existing.map((o) => [key(o.area_code, o.period), shown(o)]));
      const idOf = new Map(existing.map((o) => [key(o.area_code, o.period), o.id]));
      // Other sources' words are read only for figures a plain re-delivery does not settle.
      const unsettled: number[] = [];
      for (const o of chunk) {
        const k = key(o.areaCode, o.period);
        const c = current.get(k);
        if (
          c &&
          (c.withdrawn ||
            c.sourceKey !== p.sourceKey ||
            differs(c, o) ||
            c.sourceDocument !== (o.sourceDocument ?? null))
        )
          unsettled.push(idOf.get(k)!);
      }
      const words = await wordsOf(m, unsettled);
      const inserts: FigureInput[] = [];
      // The figures to change, by what precedence.ts decided for each.
      const changes: Record<'revise' | 'override' | 'restore' | 'agree', Change[]> = {
        revise: [],
        override: [],
        restore: [],
        agree: [],
      };
      for (const o of chunk) {
        const k = key(o.areaCode, o.period);
        const c = current.get(k);
        const id = idOf.get(k) ?? 0;
        let d = decide(c, o, p.sourceKey, words.get(id) ?? new Map<string, FigureWord>());
        // A quoted figure whose plan cites another document is a new word of the same source.
        if (d.kind === 'unchanged' && c && c.sourceDocument !== (o.sourceDocument ?? null))
          d = { kind: 'revise', conflict: c.conflict };
        switch (d.kind) {
          case 'insert':
            inserts.push(o);
            break;
          case 'revise':
          case 'override':
          case 'restore':
          case 'agree':
            changes[d.kind].push({ id, figure: o, conflict: d.conflict });
            // Agreeing records the source's word; the shown figure does not change.
            if (d.kind === 'agree') result.unchanged += 1;
            break;
          default:
            result.unchanged += 1;
        }
      }
      const { revise: revised, override: overridden, restore: restored, agree: agreed } = changes;
      const ids = (list: Change[]): number[] => list.map((x) => x.id);
      // The shown word of an overridden figure stays as its source's word, and as a revision.
      await keepShownWords(m, ids(overridden));
      await keepRevisions(m, ids(revised), RevisionReason.REVISED, superseded);
      await keepRevisions(m, ids(overridden), RevisionReason.OTHER_SOURCE, superseded);
      // This source's own earlier word goes where its new word is shown, or is written again.
      await dropWords(m, p.sourceKey, [...ids(overridden), ...ids(restored), ...ids(agreed)]);
      const updates = [...revised, ...overridden, ...restored];
      if (updates.length) {
        const params: unknown[] = [...provenance];
        for (const u of updates) {
          const o = u.figure;
          params.push(
            u.id,
            o.value,
            o.numerator ?? null,
            o.denominator ?? null,
            o.lowerCi ?? null,
            o.upperCi ?? null,
            o.note ?? null,
            (o.suppressed ?? false) ? yes : no,
            u.conflict ? yes : no,
            o.sourceDocument ?? null,
          );
        }
        await m.query(updateSql(ds, updates.length), params);
        result.updated += updates.length;
      }
      await insertRows(
        m,
        CompetingFigure,
        WORD_ROW,
        agreed.map(({ id, figure: o }) => [
          id,
          p.sourceKey,
          o.value,
          o.numerator ?? null,
          o.denominator ?? null,
          o.lowerCi ?? null,
          o.upperCi ?? null,
          o.suppressed ?? false,
          o.note ?? null,
          p.datasetId,
          p.ingestRunId,
          p.sourceUrl,
          p.retrievedAt,
        ]),
      );
      const flagged = agreed.filter(
        (a) => a.conflict !== current.get(key(a.figure.areaCode, a.figure.period))!.conflict,
      );
      await setConflict(m, ids(flagged.filter((a) => a.conflict)), true);
      await setConflict(m, ids(flagged.filter((a) => !a.conflict)), false);
      if (inserts.length)
        await insertColumns(m, Observation, NEW_ROW, newColumns(measureCode, inserts, p), inserts.length);
      result.inserted += inserts.length;
      if (inserts.length || updates.length) changed = true;
      if (options.yieldBetweenChunks) await yieldToLoop();
    }
    if (changed) result.changedMeasures.push(measureCode);
  }
  await markChanged(m, result.changedMeasures, p.ingestRunId, p.retrievedAt);
  return result;
}

export interface FigureKey {
  measureCode: string;
  areaCode: string;
  period: string;
}

export interface WithdrawResult {
  /** Figures that showed the source's value: they now show another source's, or nothing. */
  withdrawn: number;
  /** Of those, figures that fell back to another source's latest value. */
  fellBack: number;
  /** Figures where the source's word was not the one shown: it is dropped, the shown value stays. */
  dropped: number;
  /** Keys the source has no word on (no such figure, or another source's only): nothing was written. */
  missing: FigureKey[];
  changedMeasures: string[];
}

interface Withdrawable extends Existing {
  measure_code: string;
}

interface Word extends FigureWord {
  id: number;
  sourceKey: string;
  retrievedAt: number;
}

interface SourceWords {
  /** Figures showing the source's value. */
  shownHere: Withdrawable[];
  /** Figures where the source's word stands behind another source's shown value. */
  standing: Withdrawable[];
  /** Other-source words of all of them. */
  words: Map<number, Word[]>;
  missing: FigureKey[];
}

/** Where `sourceKey` has a word on these figures (shown, or standing behind another's), and where none. */
async function sourceWords(m: EntityManager, keys: FigureKey[], sourceKey: string): Promise<SourceWords> {
  const ds = m.connection;
  const found = new Map<string, Withdrawable>();
  for (const [measureCode, list] of groupBy(keys, (k) => k.measureCode)) {
    for (let i = 0; i < list.length; i += CHUNK) {
      const chunk = list.slice(i, i + CHUNK);
      const areas = [...new Set(chunk.map((o) => o.areaCode))];
      const periods = [...new Set(chunk.map((o) => o.period))];
      const rows = (await m.query(lookupSql(ds, areas.length, periods.length), [
        measureCode,
        ...areas,
        ...periods,
      ])) as Existing[];
      for (const r of rows)
        found.set(`${measureCode}|${key(r.area_code, r.period)}`, { ...r, measure_code: measureCode });
    }
  }
  const rows = keys.map((k) => found.get(`${k.measureCode}|${key(k.areaCode, k.period)}`));
  const words = await storedWords(
    m,
    rows.flatMap((r) => (r ? [r.id] : [])),
  );
  const out: SourceWords = { shownHere: [], standing: [], words, missing: [] };
  keys.forEach((k, i) => {
    const r = rows[i];
    if (r && !shown(r).withdrawn && r.source_key === sourceKey) out.shownHere.push(r);
    else if (r && !shown(r).withdrawn && words.get(r.id)?.some((w) => w.sourceKey === sourceKey)) out.standing.push(r);
    else out.missing.push(k);
  });
  return out;
}

/** The keys `sourceKey` has no word on (so cannot withdraw), without writing anything. */
export async function notWithdrawable(m: EntityManager, keys: FigureKey[], sourceKey: string): Promise<FigureKey[]> {
  return (await sourceWords(m, keys, sourceKey)).missing;
}

/**
 * Withdraws what `p.sourceKey` said of these figures. Where its value is shown, the value is kept
 * as a WITHDRAWN revision and the figure falls back to the latest word of another source, or,
 * with none, is kept only for its history (withdrawn, served by no reader). Where another
 * source's value is shown, the withdrawn word is dropped and the conflict flag worked out again.
 * If the source has no word on any key, nothing is written and those keys are returned.
 */
export async function withdrawObservations(
  m: EntityManager,
  keys: FigureKey[],
  p: Provenance,
): Promise<WithdrawResult> {
  const ds = m.connection;
  const result: WithdrawResult = { withdrawn: 0, fellBack: 0, dropped: 0, missing: [], changedMeasures: [] };
  const { shownHere, standing, words, missing } = await sourceWords(m, keys, p.sourceKey);
  result.missing = missing;
  if (missing.length) return result;
  const stamp = toStore(ds, Observation, 'updatedAt', p.retrievedAt);
  const superseded = toStore(ds, ObservationRevision, 'supersededAt', p.retrievedAt);
  const no = toStore(ds, Observation, 'suppressed', false);
  await keepRevisions(
    m,
    shownHere.map((r) => r.id),
    RevisionReason.WITHDRAWN,
    superseded,
  );
  const gone: number[] = [];
  for (const r of shownHere) {
    const others = (words.get(r.id) ?? []).filter((w) => w.sourceKey !== p.sourceKey);
    const latest = others.sort((a, b) => b.retrievedAt - a.retrievedAt || b.id - a.id)[0];
    if (!latest) {
      gone.push(r.id);
      continue;
    }
    const conflict = inConflict(
      latest,
      others.filter((w) => w !== latest),
    );
    await m.query(
      `UPDATE observation SET value = c.value, numerator = c.numerator, denominator = c.denominator,
        lower_ci = c.lower_ci, upper_ci = c.upper_ci, suppressed = c.suppressed, note = c.note,
        source_key = c.source_key, dataset_id = c.dataset_id, ingest_run_id = c.ingest_run_id,
        source_url = c.source_url, retrieved_at = c.retrieved_at, source_document = NULL,
        updated_at = ${placeholder(ds, 1)}, conflict = ${placeholder(ds, 2)}, withdrawn_at = NULL
      FROM competing_figure c WHERE c.id = ${placeholder(ds, 3)} AND observation.id = c.observation_id`,
      [stamp, toStore(ds, Observation, 'conflict', conflict), latest.id],
    );
    await m.query(`DELETE FROM competing_figure WHERE id = ${placeholder(ds, 1)}`, [latest.id]);
    result.fellBack += 1;
  }
  if (gone.length)
    await m.query(
      `UPDATE observation SET value = NULL, numerator = NULL, denominator = NULL, lower_ci = NULL, upper_ci = NULL,
        note = NULL, suppressed = ${placeholder(ds, 1)}, conflict = ${placeholder(ds, 2)}, withdrawn_at = ${placeholder(ds, 3)},
        updated_at = ${placeholder(ds, 4)}, dataset_id = ${placeholder(ds, 5)}, ingest_run_id = ${placeholder(ds, 6)},
        source_url = ${placeholder(ds, 7)}
      WHERE id IN (${placeholders(ds, gone.length, 7)})`,
      [no, no, stamp, stamp, p.datasetId, p.ingestRunId, p.sourceUrl, ...gone],
    );
  // A word that was not shown: drop it; the shown value stays, with its conflict flag worked out again.
  await dropWords(
    m,
    p.sourceKey,
    standing.map((r) => r.id),
  );
  for (const r of standing) {
    const others = (words.get(r.id) ?? []).filter((w) => w.sourceKey !== p.sourceKey);
    const conflict = inConflict(shown(r), others);
    if (conflict !== shown(r).conflict) await setConflict(m, [r.id], conflict);
  }
  result.withdrawn = shownHere.length;
  result.dropped = standing.length;
  result.changedMeasures = [...new Set(shownHere.map((r) => r.measure_code))];
  await markChanged(m, result.changedMeasures, p.ingestRunId, p.retrievedAt);
  return result;
}

/** Every other-source word of these figures, with its row id and when it was delivered. */
async function storedWords(m: EntityManager, ids: number[]): Promise<Map<number, Word[]>> {
  const out = new Map<number, Word[]>();
  if (!ids.length) return out;
  const rows = (await m.query(
    `SELECT id, observation_id, source_key, value, numerator, denominator, lower_ci, upper_ci, note, suppressed, retrieved_at
     FROM competing_figure WHERE observation_id IN (${placeholders(m.connection, ids.length)})`,
    ids,
  )) as Array<StoredWord & { id: number; retrieved_at: string | Date }>;
  for (const r of rows) {
    const list = out.get(r.observation_id) ?? [];
    list.push({
      id: r.id,
      sourceKey: r.source_key,
      value: r.value,
      numerator: r.numerator,
      denominator: r.denominator,
      lowerCi: r.lower_ci,
      upperCi: r.upper_ci,
      note: r.note,
      suppressed: truth(r.suppressed),
      retrievedAt: new Date(r.retrieved_at).getTime(),
    });
    out.set(r.observation_id, list);
  }
  return out;
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
