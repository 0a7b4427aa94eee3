import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createKey } from '../../src/auth/api-keys';
import { POLICE_SAMPLE, readSample, writeFixture } from '../helpers/fixtures';
import { startTestHub, type TestHub } from '../helpers/test-hub';

// Issue 14, no leak: what a run's record says to whoever reads it (ingestRuns, datasets'
// lastRun), tried from the outside: files ingested by the command, as an operator would, and
// the records read over HTTP anonymously, with a key of another organisation, with a member's
// key (Hampshire Constabulary) and with the key of the organisation owning the partner feed's
// measures (Portsmouth City Council). A run's error and a rejected row's reason never quote the
// source; a rejected row's text goes to the owner only; no server path and no key prefix reach
// anyone else; the answers that differ by caller are never cached as public.

const ROOT = join(__dirname, '..', '..');
const CLI = join(ROOT, 'dist', 'jobs', 'ingest-cli.js');
const TREATMENT = 'partner.people-in-drug-and-alcohol-treatment'; // RESTRICTED, owned by the council
const PORTSMOUTH = 'E06000044';

let t: TestHub;
let referenceDir = '';
const keys = { owner: '', member: '', outsider: '' };
type Who = keyof typeof keys | 'anonymous';
const WHO: Who[] = ['anonymous', 'outsider', 'member', 'owner'];

// The shipped data gives the feed's non-public measures two owners (the police hold the
// Domestic Violence Protection Notices), so no key may read a rejected line of it. This hub's
// copy gives them all to the council, so that the one owner's reading is tried too.
function referenceWithOneFeedOwner(): string {
  const dir = mkdtempSync(join(tmpdir(), 'hub-leaks-reference-'));
  cpSync(join(ROOT, 'data', 'reference'), dir, { recursive: true });
  const file = join(dir, 'measures', 'plan.json');
  const measures = JSON.parse(readFileSync(file, 'utf8')) as Array<{ code: string; owner?: string; access?: string }>;
  for (const m of measures) {
    if (m.code.startsWith('partner.') && (m.access ?? 'PUBLIC') !== 'PUBLIC') m.owner = 'portsmouth-city-council';
  }
  writeFileSync(file, JSON.stringify(measures));
  return dir;
}

beforeAll(async () => {
  referenceDir = referenceWithOneFeedOwner();
  t = await startTestHub({ referenceDir });
  keys.owner = (await createKey(t.hub.dataSource, 'portsmouth-city-council', 'test', 'hub')).key;
  keys.member = (await createKey(t.hub.dataSource, 'hampshire-constabulary', 'test', 'hub')).key;
  keys.outsider = (await createKey(t.hub.dataSource, 'gloucester-city-council', 'test', 'hub')).key;
});
afterAll(async () => {
  await t.stop();
  rmSync(referenceDir, { recursive: true, force: true });
});

/** `npm run ingest -- <args>` against the test hub's store. */
function ingest(...args: string[]): { status: number | null; stdout: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: t.store.settings.databaseUrl,
      SQLITE_PATH: t.store.settings.sqlitePath,
      REFERENCE_DIR: referenceDir,
      LOG_LEVEL: 'error',
    },
    encoding: 'utf8',
  });
  return { status: r.status, stdout: r.stdout };
}

async function ask(
  who: Who,
  query: string,
): Promise<{ status: number; text: string; headers: Headers; body: { data?: Record<string, unknown> } }> {
  const res = await fetch(`${t.url}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      // A fresh connection each time: the command runs with spawnSync, which stops this process
      // (and the hub in it) for as long as the command takes; past the server's keep-alive
      // timeout a pooled connection is closed under the next request (ECONNRESET).
      connection: 'close',
      ...(who === 'anonymous' ? {} : { authorization: `Bearer ${keys[who]}` }),
    },
    body: JSON.stringify({ query }),
  });
  const text = await res.text();
  return {
    status: res.status,
    text,
    headers: res.headers,
    body: JSON.parse(text) as { data?: Record<string, unknown> },
  };
}

interface RunNode {
  id: string;
  trigger: string;
  source: string | null;
  error: string | null;
  rejectedRows: { edges: Array<{ node: { line: number; reason: string; raw: string } }> };
}

const RUNS = `{ ingestRuns(first: 10) { edges { node { id trigger source error rejectedRows(first: 5) { edges { node { line reason raw } } } } } } }`;
const LAST_RUNS = '{ datasets { id lastRun { id error } } }';

async function runs(who: Who): Promise<RunNode[]> {
  const r = await ask(who, RUNS);
  expect(r.status).toBe(200);
  return (r.body.data as { ingestRuns: { edges: Array<{ node: RunNode }> } }).ingestRuns.edges.map((e) => e.node);
}

test('a JSON feed with a trailing comma after a restricted figure: the run error quotes nothing of it, in ingestRuns and lastRun', async () => {
  const file = writeFixture(
    'treatment.json',
    `[\n{"measure": "${TREATMENT}", "area": "${PORTSMOUTH}", "period": "2024-Q1", "value": 1471, "note": "ward 7 clinic"},\n]\n`,
  );
  const cli = ingest('partner-feed', '--file', file);
  expect(cli.status).toBe(1);
  for (const who of WHO) {
    const [run] = await runs(who);
    expect(run!.error).toMatch(/^the partner feed is not valid JSON/);
    const last = await ask(who, LAST_RUNS);
    const feed = (
      last.body.data as { datasets: Array<{ id: string; lastRun: { error: string | null } | null }> }
    ).datasets.find((d) => d.id === 'partner-feed')!;
    expect(feed.lastRun!.error).toBe(run!.error);
    for (const text of [JSON.stringify(run), last.text]) {
      for (const quoted of ['1471', 'ward 7', TREATMENT, 'measure"', '2024-Q1']) expect(text).not.toContain(quoted);
    }
  }
});

test('npm run ingest -- police-street --file /etc/passwd: the run error does not publish its first line, nor where the file was', async () => {
  const firstLine = readFileSync('/etc/passwd', 'utf8').split('\n')[0]!;
  expect(firstLine.length).toBeGreaterThan(5);
  const cli = ingest('police-street', '--file', '/etc/passwd');
  expect(cli.status).toBe(1);
  for (const who of WHO) {
    const r = await ask(who, RUNS);
    const [run] = (r.body.data as { ingestRuns: { edges: Array<{ node: RunNode }> } }).ingestRuns.edges.map(
      (e) => e.node,
    );
    expect(run!.source).toBe('passwd');
    expect(run!.error).toBe(
      `the street-level file's header has changed: expected "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context"; found ${firstLine.split(',').length} column(s), none of the expected columns in its place`,
    );
    expect(r.text).not.toContain(firstLine);
    expect(r.text).not.toContain(firstLine.split(':')[0]! + ':');
    expect(r.text).not.toContain('/etc');
  }
  // The hub's operators can still see what the file held: the whole text is kept in the store,
  // in a column no API serves.
  const [last] = await runs('owner');
  const [kept] = (await t.hub.dataSource.query(
    `SELECT error_detail FROM ingest_run WHERE id = ${Number(last!.id)}`,
  )) as Array<{
    error_detail: string;
  }>;
  expect(kept!.error_detail).toContain(firstLine);
});

test('a file that cannot be read is named, never its path', async () => {
  const dir = dirname(writeFixture('placeholder.txt', ''));
  const folder = join(dir, 'a-folder.csv');
  mkdirSync(folder);
  expect(ingest('police-street', '--file', folder).status).toBe(1);
  expect(ingest('police-street', '--file', join(dir, 'no-such-file.csv')).status).toBe(1);
  const [missing, unreadable] = await runs('anonymous');
  // A folder is a delivery of many files (the police-street connector reads every force's file
  // below it); this one holds none.
  expect(unreadable!.error).toBe('a-folder.csv holds no file this source reads');
  expect(missing!.error).toBe('no-such-file.csv cannot be read (ENOENT)');
  expect(JSON.stringify([missing, unreadable])).not.toContain(dir);
});

test("rejected rows: line and reason for everyone, a row's text for the owner of the feed's measures only", async () => {
  const feed = [
    'measure,area,period,value,numerator,denominator,note',
    `${TREATMENT},${PORTSMOUTH},2024-Q1,1450,,,`,
    `${TREATMENT},${PORTSMOUTH},2024-Q2,1466.5,,,`, // a count that is not whole: the figure is the secret
    `${TREATMENT},E99999999,2024-Q3,1472,,,`, // an area the hub does not know
    `partner.no-such-measure,${PORTSMOUTH},2024-Q3,1473,,,`,
    `${TREATMENT},${PORTSMOUTH},2024-Q4,"14,74",,,`, // a decimal comma
  ].join('\n');
  expect(ingest('partner-feed', '--file', writeFixture('treatment.csv', feed)).status).toBe(0);
  const expected = [
    { line: 3, reason: 'a count must be a whole number of 0 or more' },
    { line: 4, reason: 'the area is not one the hub knows' },
    { line: 5, reason: 'the measure is not one the hub knows' },
    { line: 6, reason: 'the value is not a number' },
  ];
  const lines = feed.split('\n');
  for (const who of WHO) {
    const [run] = await runs(who);
    const rows = run!.rejectedRows.edges.map((e) => e.node);
    if (who === 'owner') expect(rows).toEqual(expected.map((r) => ({ ...r, raw: lines[r.line - 1] })));
    else {
      expect(rows).toEqual(expected.map((r) => ({ ...r, raw: '' })));
      for (const figure of ['1466', '1472', '1473', '14,74', 'E99999999', 'no-such']) {
        expect(JSON.stringify(run)).not.toContain(figure);
      }
    }
  }
});

test("a public dataset's rejected lines: the reason for everyone, the line's text for nobody", async () => {
  const lines = readSample(POLICE_SAMPLE).trimEnd().split('\n');
  lines[5] = lines[5]!.replace(',2022-02,', ',<script>alert(1)</script>,');
  expect(ingest('police-street', '--file', writeFixture('2022-02-hampshire-street.csv', lines.join('\n'))).status).toBe(
    0,
  );
  for (const who of WHO) {
    const [run] = await runs(who);
    expect(run!.rejectedRows.edges.map((e) => e.node)).toEqual([
      { line: 6, reason: 'the Month is not a month (YYYY-MM)', raw: '' },
    ]);
  }
});

test("a submission's run names the organisation; the key's prefix only to that organisation; answers that differ by key are private", async () => {
  const res = await fetch(`${t.url}/submissions`, {
    method: 'POST',
    headers: { 'content-type': 'text/csv', authorization: `Bearer ${keys.owner}` },
    body: `measure,area,period,value\npartner.early-help-assessments-parental-conflict,${PORTSMOUTH},2024-Q1,12\n`,
  });
  expect(res.status).toBe(201);
  const prefix = keys.owner.slice(4, 12);
  for (const who of WHO) {
    const r = await ask(who, RUNS);
    const [run] = (r.body.data as { ingestRuns: { edges: Array<{ node: RunNode }> } }).ingestRuns.edges.map(
      (e) => e.node,
    );
    if (who === 'owner') expect(run!.trigger).toBe(`submission by portsmouth-city-council (key ${prefix})`);
    else {
      expect(run!.trigger).toBe('submission by portsmouth-city-council');
      expect(r.text).not.toContain(prefix);
    }
    // No answer naming runs is ever public when it may differ by caller: with a key it is the
    // key holder's (private); without one, every anonymous caller gets the same answer.
    expect(r.headers.get('cache-control')).toBe(who === 'anonymous' ? 'max-age=60, public' : 'max-age=60, private');
    expect(r.headers.get('vary')).toMatch(/Authorization, X-API-Key/);
  }
  const [a, b] = [await ask('anonymous', RUNS), await ask('anonymous', RUNS)];
  expect(a.text).toBe(b.text);
});
