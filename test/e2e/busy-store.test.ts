import { mkdtempSync, writeFileSync } from 'node:fs';
import { Client } from 'pg';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createKey } from '../../src/auth/api-keys';
import { IngestRun, JobLock, Observation } from '../../src/entities';
import { createLogger } from '../../src/logging/logger';
import { busyRetrier } from '../../jobs/busy-retries';
import type { JobSpec } from '../../jobs/job-config';
import { holdStore, type HeldStore } from '../helpers/hold-store';
import { ingestCliWith } from '../helpers/ingest-cli';
import { contractOperation, startTestHub, type TestHub } from '../helpers/test-hub';

// Another process holds a write on the SQLite store (as a long ingest run from the command line
// does). Before, every request then stalled for SQLite's 10 s busy wait inside better-sqlite3,
// a submission got 500 "database is locked", and a job started then exited 3 saying another
// process was running it. Now: reads answer at once, a write waits STORE_BUSY_WAIT_MS for its
// turn and then gets 503 STORE_BUSY with Retry-After having written nothing, the same write
// succeeds once the store is free, a job fails with its real cause (exit 1), and the scheduler
// runs it again later.
//
// SQLite only: PostgreSQL keeps row locks and never answers STORE_BUSY.

const sqlite = !process.env.DATABASE_URL;
const WAIT_MS = 400;
const MEASURE = 'partner.people-in-drug-and-alcohol-treatment';
const AREA = 'E06000044';

(sqlite ? describe : describe.skip)('a store busy with a write of another process', () => {
  let t: TestHub;
  let key: string;
  let dir: string;
  let held: HeldStore | null = null;

  beforeAll(async () => {
    t = await startTestHub({ storeBusyWaitMs: WAIT_MS });
    key = (await createKey(t.hub.dataSource, 'portsmouth-city-council', 'test', 'hub')).key;
    dir = mkdtempSync(join(tmpdir(), 'hub-busy-'));
  });
  afterEach(async () => {
    await held?.release();
    held = null;
  });
  afterAll(async () => {
    await t.stop();
  });

  /** What a busy write must leave exactly as it was. */
  const tally = async (): Promise<{ figures: number; runs: number; leases: number }> => ({
    figures: await t.hub.dataSource.manager.count(Observation),
    runs: await t.hub.dataSource.manager.count(IngestRun),
    leases: await t.hub.dataSource.manager.count(JobLock),
  });

  const csv = (value: number): string =>
    `measure,area,period,value,numerator,denominator,note\n${MEASURE},${AREA},2024-Q1,${value},,,\n`;

  const postSubmission = (body: string): Promise<Response> =>
    fetch(`${t.url}/submissions`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv', authorization: `Bearer ${key}` },
      body,
    });

  test('reads answer at once; POST /submissions gets 503 STORE_BUSY with Retry-After and writes nothing; then succeeds', async () => {
    const before = await tally();
    held = await holdStore(t.store.settings.sqlitePath);

    // A dashboard's read: served from the last committed state, not after a busy wait (it took 10 s).
    const { query, variables } = contractOperation('scorecard');
    const readStarted = Date.now();
    const read = await t.gql<{ partnership: { name: string; scorecard: { priorities: unknown[] } } }>(query, variables);
    const readMs = Date.now() - readStarted;
    expect(read.status).toBe(200);
    expect(read.body.errors).toBeUndefined();
    expect(read.body.data?.partnership.name).toBe('Gosport Community Safety Partnership');
    expect(read.body.data?.partnership.scorecard.priorities.length).toBeGreaterThan(0);
    expect(readMs).toBeLessThan(1000);

    const started = Date.now();
    const refused = await postSubmission(csv(41));
    const waited = Date.now() - started;
    expect(refused.status).toBe(503);
    // 400 ms of waiting, said as the whole seconds a client can act on.
    expect(refused.headers.get('retry-after')).toBe('1');
    const body = (await refused.json()) as { errors: Array<{ message: string; extensions: Record<string, unknown> }> };
    expect(body.errors[0]!.extensions).toEqual({ code: 'STORE_BUSY', retryAfterSeconds: 1 });
    expect(body.errors[0]!.message).toBe(
      'The store is busy with another write; nothing was written. Try again after 1 second.',
    );
    // It waited its turn, on timers, for STORE_BUSY_WAIT_MS; not SQLite's 10 s.
    expect(waited).toBeGreaterThanOrEqual(WAIT_MS - 20);
    expect(waited).toBeLessThan(5000);

    await held.release();
    held = null;
    expect(await tally()).toEqual(before);

    const accepted = await postSubmission(csv(41));
    expect(accepted.status).toBe(201);
    expect(await accepted.json()).toMatchObject({ rows: 1, inserted: 1, updated: 0 });
    const after = await tally();
    expect(after).toEqual({ figures: before.figures + 1, runs: before.runs + 1, leases: 0 });
  });

  test('a GraphQL mutation meeting a busy store gets HTTP 503, Retry-After and STORE_BUSY, not 200', async () => {
    const before = await tally();
    held = await holdStore(t.store.settings.sqlitePath);
    const res = await fetch(`${t.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify({
        query:
          'mutation($rows: [ObservationSubmission!]!) { submitObservations(observations: $rows) { runId inserted } }',
        variables: { rows: [{ measure: MEASURE, area: AREA, period: '2024-Q2', value: 42 }] },
      }),
    });
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('1');
    const body = (await res.json()) as {
      data: unknown;
      errors: Array<{ message: string; extensions: Record<string, unknown> }>;
    };
    expect(body.data).toBeNull();
    expect(body.errors[0]!.extensions).toEqual({ code: 'STORE_BUSY', retryAfterSeconds: 1 });
    await held.release();
    held = null;
    expect(await tally()).toEqual(before);
  });

  test('the ingest command against a held store fails with its real cause (exit 1), not "another process" (exit 3)', async () => {
    const file = join(dir, 'feed.csv');
    writeFileSync(file, csv(43).replace('2024-Q1', '2024-Q3'));
    const before = await tally();
    held = await holdStore(t.store.settings.sqlitePath);
    const run = await ingestCliWith(t.store, { STORE_BUSY_WAIT_MS: String(WAIT_MS) }, 'partner-feed', '--file', file);
    expect(run.code).toBe(1);
    // Its last line (the log's JSON lines come before it) gives the cause.
    expect(run.out.trimEnd().split('\n').at(-1)).toBe(
      "partner-feed: failed: the store was busy with another write (another process's, or a long ingest's) for more than STORE_BUSY_WAIT_MS (1 s); nothing was written",
    );
    expect(run.out).not.toContain('another process is running this job');
    await held.release();
    held = null;
    expect(await tally()).toEqual(before);

    // Free again, the same command loads the figure.
    const again = await ingestCliWith(t.store, { STORE_BUSY_WAIT_MS: String(WAIT_MS) }, 'partner-feed', '--file', file);
    expect(again.code).toBe(0);
    expect(again.out).toMatch(/^run \d+ SUCCEEDED feed\.csv: read 1, written 1, rejected 0\n$/);
  });

  test('the scheduler runs a job the store was busy for again, after INGEST_BUSY_RETRY_SECONDS', async () => {
    const file = join(dir, 'retry.csv');
    writeFileSync(file, csv(44).replace('2024-Q1', '2024-Q4'));
    const spec: JobSpec = {
      dataset: 'partner-feed',
      cron: '0 0 1 1 *',
      timeoutSeconds: 30,
      source: { file },
      options: {},
    };
    const lines: Array<Record<string, unknown>> = [];
    let store: HeldStore | null = await holdStore(t.store.settings.sqlitePath);
    held = store;
    // The store is freed as soon as the first failure has scheduled its retry.
    const logger = createLogger('info', {}, (line) => {
      const entry = JSON.parse(line) as Record<string, unknown>;
      lines.push(entry);
      if (entry.msg === 'job retry scheduled: the store was busy' && store) {
        const freeing = store;
        store = null;
        void freeing.release().then(() => {
          held = null;
        });
      }
    });
    const retrier = busyRetrier(t.hub.dataSource, t.hub.figuresChanged, 1, logger);
    const started = Date.now();
    await retrier.run(spec);
    await retrier.stop();

    const retries = lines.filter((l) => l.msg === 'job retry scheduled: the store was busy');
    expect(retries).toEqual([
      expect.objectContaining({ level: 'warn', dataset: 'partner-feed', retry: 1, of: 3, inSeconds: 1 }),
    ]);
    // The first attempt waited its turn (0.4 s), then the retry came a second later.
    expect(Date.now() - started).toBeGreaterThanOrEqual(WAIT_MS + 1000 - 20);
    const runs = await t.hub.dataSource.manager.find(IngestRun, {
      where: { source: 'retry.csv' },
      order: { id: 'ASC' },
    });
    // The busy attempt had no lease, so no run record: the one run is the retry, and it succeeded.
    expect(runs.map((r) => [r.trigger, r.status, r.rowsWritten])).toEqual([
      ['schedule: retry 1 of 3, the store was busy', 'SUCCEEDED', 1],
    ]);
  });
});

// PostgreSQL: readers never wait, but a write waits for a row another transaction holds. It used
// to wait as long as that transaction lasted: past REQUEST_TIMEOUT_MS its caller got 503 TIMEOUT,
// and the write then went ahead when the row was freed. Now it waits STORE_BUSY_WAIT_MS (the
// transaction's lock_timeout, postgres-locks.ts) and gets 503 STORE_BUSY, having written nothing.
(sqlite ? describe.skip : describe)('a figure held by another transaction (PostgreSQL)', () => {
  let t: TestHub;
  let key: string;
  let holder: Client | null = null;

  beforeAll(async () => {
    t = await startTestHub({ storeBusyWaitMs: WAIT_MS });
    key = (await createKey(t.hub.dataSource, 'portsmouth-city-council', 'test', 'hub')).key;
  });
  afterAll(async () => {
    await holder?.query('ROLLBACK');
    await holder?.end();
    await t.stop();
  });

  const valueOf = async (period: string): Promise<number | null> =>
    (await t.hub.dataSource.manager.findOneByOrFail(Observation, { measureCode: MEASURE, areaCode: AREA, period }))
      .value;
  const submitted = async (): Promise<string[]> =>
    (await t.hub.dataSource.manager.find(IngestRun, { where: { datasetId: 'partner-feed' }, order: { id: 'ASC' } }))
      .filter((r) => r.trigger.startsWith('submission'))
      .map((r) => r.status);

  test('a submission of it gets 503 STORE_BUSY with Retry-After after STORE_BUSY_WAIT_MS and writes no figure; then succeeds', async () => {
    // A figure the council submitted, then held (written, not committed) by another connection.
    const period = '2024-Q3';
    const first = `measure,area,period,value,numerator,denominator,note\n${MEASURE},${AREA},${period},40,,,\n`;
    const given = await fetch(`${t.url}/submissions`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv', authorization: `Bearer ${key}` },
      body: first,
    });
    expect(given.status).toBe(201);
    expect(await valueOf(period)).toBe(40);
    const before = 40;
    holder = new Client({ connectionString: t.store.settings.databaseUrl });
    await holder.connect();
    await holder.query('BEGIN');
    await holder.query(
      'UPDATE observation SET note = note WHERE measure_code = $1 AND area_code = $2 AND period = $3',
      [MEASURE, AREA, period],
    );

    const { query, variables } = contractOperation('scorecard');
    const read = await t.gql<{ partnership: { name: string } }>(query, variables);
    expect(read.body.data?.partnership.name).toBe('Gosport Community Safety Partnership');

    const body = `measure,area,period,value,numerator,denominator,note\n${MEASURE},${AREA},${period},${before + 1},,,\n`;
    const send = (): Promise<Response> =>
      fetch(`${t.url}/submissions`, {
        method: 'POST',
        headers: { 'content-type': 'text/csv', authorization: `Bearer ${key}` },
        body,
      });
    const started = Date.now();
    const refused = await send();
    const waited = Date.now() - started;
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('1');
    const answer = (await refused.json()) as { errors: Array<{ extensions: Record<string, unknown> }> };
    expect(answer.errors[0]!.extensions).toEqual({ code: 'STORE_BUSY', retryAfterSeconds: 1 });
    expect(waited).toBeGreaterThanOrEqual(WAIT_MS - 20);
    expect(waited).toBeLessThan(5000);

    await holder.query('ROLLBACK');
    await holder.end();
    holder = null;
    // The refused write did not go ahead when the row was freed; its run says it failed.
    expect(await valueOf(period)).toBe(before);
    expect(await submitted()).toEqual(['SUCCEEDED', 'FAILED']);

    const accepted = await send();
    expect(accepted.status).toBe(201);
    expect(await valueOf(period)).toBe(before + 1);
    expect(await submitted()).toEqual(['SUCCEEDED', 'FAILED', 'SUCCEEDED']);
  });
});
