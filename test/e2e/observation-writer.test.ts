import 'reflect-metadata';
import type { DataSource, EntityManager } from 'typeorm';
import { In } from 'typeorm';
import { parsePeriod } from '../../src/analytics/period';
import { loadSettings } from '../../src/config/settings';
import { RevisionReason, RunStatus } from '../../src/domain/enums';
import { CompetingFigure, Observation, ObservationRevision } from '../../src/entities';
import type { ObservationInput } from '../../src/ingest/connector';
import { FiguresChanged } from '../../src/ingest/figures-changed';
import { writeObservations, type Provenance } from '../../src/ingest/observation-writer';
import { silentLogger } from '../../src/logging/logger';
import { loadGeography } from '../../src/geography/geography-loader';
import { loadReferenceData } from '../../src/reference/reference-loader';
import { openStore } from '../../src/store/data-source';
import { saveTestRun } from '../helpers/test-run';
import { createTestStore, type TestStore } from '../helpers/test-store';

// The writer writes its rows with raw SQL. Whatever it writes must be stored exactly as
// TypeORM's own insert and update store it (a boolean as 0/1 on SQLite, a date as UTC text on
// SQLite and as local time on PostgreSQL's timestamp): the same figures are written by the
// writer under one measure and by TypeORM's API, as the writer once did, under another, and the
// stored rows are compared column by column, on whichever store the suite runs.

const WRITER = 'fingertips.11201';
const ORACLE = 'fingertips.11202';

let store: TestStore;
let ds: DataSource;
let runId: number;

beforeAll(async () => {
  store = await createTestStore();
  const settings = loadSettings({}, store.settings);
  ds = await openStore(settings, silentLogger);
  await loadGeography(ds, settings.geographyDir, silentLogger);
  await loadReferenceData(
    ds,
    settings.referenceDir,
    new FiguresChanged(ds, settings.smallCountThreshold, silentLogger),
    silentLogger,
  );
  runId = await saveTestRun(ds, 'partner-feed', RunStatus.RUNNING);
});
afterAll(async () => {
  await ds.destroy();
  await store.drop();
});

type Figure = Omit<ObservationInput, 'measureCode'>;

/** The figure an observation held until `supersededAt`, as the revision a change keeps of it. */
function revisionOf(o: Observation, supersededAt: Date): Partial<ObservationRevision> {
  return {
    observationId: o.id,
    value: o.value,
    numerator: o.numerator,
    denominator: o.denominator,
    lowerCi: o.lowerCi,
    upperCi: o.upperCi,
    suppressed: o.suppressed,
    note: o.note,
    datasetId: o.datasetId,
    ingestRunId: o.ingestRunId,
    sourceDocument: o.sourceDocument,
    sourceUrl: o.sourceUrl,
    retrievedAt: o.retrievedAt,
    supersededAt,
    sourceKey: o.sourceKey,
    reason: RevisionReason.REVISED,
  };
}

/** The writer as it was, on TypeORM's API: the reference the raw SQL must match. */
async function oracle(m: EntityManager, figures: Figure[], p: Provenance): Promise<void> {
  const existing = await m.find(Observation, {
    where: { measureCode: ORACLE, areaCode: In(figures.map((f) => f.areaCode)) },
  });
  const current = new Map(existing.map((o) => [`${o.areaCode}|${o.period}`, o]));
  const own = (f: Figure): Partial<Observation> => ({
    value: f.value,
    numerator: f.numerator ?? null,
    denominator: f.denominator ?? null,
    lowerCi: f.lowerCi ?? null,
    upperCi: f.upperCi ?? null,
    note: f.note ?? null,
    suppressed: f.suppressed ?? false,
  });
  const provenance = {
    datasetId: p.datasetId,
    sourceKey: p.sourceKey,
    ingestRunId: p.ingestRunId,
    sourceUrl: p.sourceUrl,
    retrievedAt: p.retrievedAt,
    updatedAt: p.retrievedAt,
  };
  for (const f of figures) {
    const found = current.get(`${f.areaCode}|${f.period}`);
    if (!found) {
      const span = parsePeriod(f.period);
      await m.insert(Observation, {
        measureCode: ORACLE,
        areaCode: f.areaCode,
        period: f.period,
        frequency: span.frequency,
        periodStart: span.start,
        periodEnd: span.end,
        ...own(f),
        sourceDocument: null,
        ...provenance,
      });
    } else if (JSON.stringify(own(f)) !== JSON.stringify(own(found))) {
      await m.insert(ObservationRevision, revisionOf(found, p.retrievedAt));
      await m.update(Observation, { id: found.id }, { ...own(f), ...provenance });
    }
  }
}

/** Every column of every row of a measure (and its revisions), as the driver returns it, by area and period. */
async function stored(measure: string): Promise<Record<string, unknown>> {
  const sqlite = ds.options.type !== 'postgres';
  const cols = (table: string, alias: string, skip: string[]): string =>
    ds
      .getMetadata(table)
      .columns.map((c) => c.databaseName)
      .filter((c) => !skip.includes(c))
      // SQLite keeps a type per value: 3 and 3.0, or '1' and 1, differ there.
      .map((c) => `${alias}.${c} AS ${c}${sqlite ? `, typeof(${alias}.${c}) AS ${c}_type` : ''}`)
      .join(', ');
  const p = (i: number): string => (sqlite ? '?' : `$${i}`);
  const rows = (await ds.query(
    `SELECT o.area_code AS k_area, o.period AS k_period, ${cols('observation', 'o', ['id', 'measure_code'])}
     FROM observation o WHERE o.measure_code = ${p(1)}`,
    [measure],
  )) as Array<Record<string, unknown>>;
  const revisions = (await ds.query(
    `SELECT o.area_code AS k_area, o.period AS k_period, ${cols('observation_revision', 't', ['id', 'observation_id'])}
     FROM observation_revision t JOIN observation o ON o.id = t.observation_id WHERE o.measure_code = ${p(1)}`,
    [measure],
  )) as Array<Record<string, unknown>>;
  const byKey = (list: Array<Record<string, unknown>>): Record<string, unknown> =>
    Object.fromEntries(
      list.map(({ k_area, k_period, ...rest }) => [`${String(k_area)}|${String(k_period)}`, rest] as const),
    );
  return { observations: byKey(rows), revisions: byKey(revisions) };
}

async function writeBoth(figures: Figure[], p: Provenance): Promise<void> {
  await ds.transaction((m) =>
    writeObservations(
      m,
      figures.map((f) => ({ ...f, measureCode: WRITER })),
      p,
    ),
  );
  await ds.transaction((m) => oracle(m, figures, p));
}

const FIRST: Figure[] = [
  { areaCode: 'E06000044', period: '2021', value: 3 },
  { areaCode: 'E06000044', period: '2022', value: 12.5, lowerCi: 10.25, upperCi: 15, note: 'rounded' },
  { areaCode: 'E07000088', period: '2021', value: null, suppressed: true, note: 'fewer than 5' },
  { areaCode: 'E07000088', period: '2022', value: 2.5, numerator: 5, denominator: 200 },
  { areaCode: 'E07000089', period: '2021', value: 0 },
  { areaCode: 'E07000089', period: '2022', value: null, note: 'not available' },
];

test('new figures are stored as TypeORM stores them', async () => {
  await writeBoth(FIRST, {
    datasetId: 'partner-feed',
    sourceKey: 'partner-feed',
    ingestRunId: runId,
    sourceUrl: 'feed.csv',
    retrievedAt: new Date(Date.UTC(2026, 6, 2, 23, 59, 59, 1)),
  });
  const written = await stored(WRITER);
  expect(Object.keys(written.observations as object)).toHaveLength(FIRST.length);
  expect(written).toEqual(await stored(ORACLE));
});

test('changed figures are updated, and revised, as TypeORM updates them; unchanged ones are left alone', async () => {
  const second = FIRST.map((f, i) =>
    i === 0
      ? { ...f, value: 4 }
      : i === 2
        ? { ...f, value: 1, suppressed: false, note: null }
        : i === 3
          ? { ...f, denominator: 250, value: 2 }
          : f,
  );
  const p: Provenance = {
    datasetId: 'partner-feed',
    sourceKey: 'partner-feed',
    ingestRunId: runId,
    sourceUrl: 'feed-2.csv',
    retrievedAt: new Date(Date.UTC(2026, 11, 31, 12, 0, 0, 999)),
  };
  const counts = await ds.transaction((m) =>
    writeObservations(
      m,
      second.map((f) => ({ ...f, measureCode: WRITER })),
      p,
    ),
  );
  expect(counts).toEqual({ inserted: 0, updated: 3, unchanged: 3, changedMeasures: [WRITER] });
  await ds.transaction((m) => oracle(m, second, p));
  const written = await stored(WRITER);
  expect(Object.keys(written.revisions as object).sort()).toEqual([
    'E06000044|2021',
    'E07000088|2021',
    'E07000088|2022',
  ]);
  expect(written).toEqual(await stored(ORACLE));
});

test('a figure given twice in one write is written once, as the last row gives it', async () => {
  const p: Provenance = {
    datasetId: 'partner-feed',
    sourceKey: 'partner-feed',
    ingestRunId: runId,
    sourceUrl: 'feed-3.csv',
    retrievedAt: new Date(Date.UTC(2027, 0, 1)),
  };
  const twice = (value: number): ObservationInput[] =>
    [value - 1, value].map((v) => ({ measureCode: WRITER, areaCode: 'E06000045', period: '2021', value: v }));
  expect(await ds.transaction((m) => writeObservations(m, twice(2), p))).toEqual({
    inserted: 1,
    updated: 0,
    unchanged: 1,
    changedMeasures: [WRITER],
  });
  const stored = (): Promise<Observation> =>
    ds.manager.findOneByOrFail(Observation, { measureCode: WRITER, areaCode: 'E06000045', period: '2021' });
  expect((await stored()).value).toBe(2);
  // Another source giving the shown value twice agrees once: no second record of its word.
  const other = { ...p, sourceKey: 'submission:portsmouth-city-council' };
  expect(await ds.transaction((m) => writeObservations(m, [...twice(2), ...twice(2)].slice(1), other))).toEqual({
    inserted: 0,
    updated: 0,
    unchanged: 3,
    changedMeasures: [],
  });
  expect(await ds.manager.count(CompetingFigure, { where: { observationId: (await stored()).id } })).toBe(1);
});

test('a figure given twice more than a chunk apart is still written once, as the last row gives it, new or not', async () => {
  const p: Provenance = {
    datasetId: 'partner-feed',
    sourceKey: 'partner-feed',
    ingestRunId: runId,
    sourceUrl: 'feed-4.csv',
    retrievedAt: new Date(Date.UTC(2027, 1, 1)),
  };
  const lsoas = (
    (await ds.query(`SELECT code FROM area WHERE type = 'LSOA' ORDER BY code LIMIT 600`)) as Array<{ code: string }>
  ).map((r) => r.code);
  // 600 figures, then the first one again with another value: 600 rows apart, past the
  // writer's chunks of 400. Given in reverse area order, as a connector may meet them.
  const write = (period: string): ReturnType<typeof writeObservations> =>
    ds.transaction((m) =>
      writeObservations(
        m,
        [
          ...[...lsoas].reverse().map((areaCode, i) => ({ measureCode: WRITER, areaCode, period, value: i })),
          { measureCode: WRITER, areaCode: lsoas[lsoas.length - 1]!, period, value: 9999 },
        ],
        p,
      ),
    );
  const stored = async (period: string): Promise<Map<string, number | null>> =>
    new Map(
      (await ds.manager.find(Observation, { where: { measureCode: WRITER, period } })).map((o) => [
        o.areaCode,
        o.value,
      ]),
    );
  // A period the store holds no figure of (the writer's first-delivery path).
  expect(await write('2015')).toEqual({ inserted: 600, updated: 0, unchanged: 1, changedMeasures: [WRITER] });
  let held = await stored('2015');
  expect(held.size).toBe(600);
  expect(held.get(lsoas[lsoas.length - 1]!)).toBe(9999);
  expect(held.get(lsoas[0]!)).toBe(599);
  // A period the store already holds one figure of (the path that compares each figure).
  await ds.transaction((m) =>
    writeObservations(m, [{ measureCode: WRITER, areaCode: lsoas[300]!, period: '2016', value: 42 }], p),
  );
  expect(await write('2016')).toEqual({ inserted: 599, updated: 1, unchanged: 1, changedMeasures: [WRITER] });
  held = await stored('2016');
  expect(held.size).toBe(600);
  expect(held.get(lsoas[lsoas.length - 1]!)).toBe(9999);
  // Reversed, lsoas[300] is row 299 (0-based), given the value 299; it held 42.
  expect(held.get(lsoas[300]!)).toBe(299);
  expect(
    await ds.manager.count(ObservationRevision, {
      where: {
        observationId: (
          await ds.manager.findOneByOrFail(Observation, { measureCode: WRITER, areaCode: lsoas[300]!, period: '2016' })
        ).id,
      },
    }),
  ).toBe(1);
});
