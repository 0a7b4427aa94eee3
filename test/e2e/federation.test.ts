import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kind, parse, print, visit } from 'graphql';
import { POLICE_SAMPLE } from '../helpers/fixtures';
import { contractOperation } from '../helpers/test-hub';
import { createTestStore, type TestStore } from '../helpers/test-store';
import { freePort } from '../../src/net/free-port';

// Three processes on 127.0.0.1: a hub holding the Hampshire partnerships (and the sample
// figures), a hub holding Safer Gloucester, an extra partnership over Gosport and the real
// data.police.uk excerpt, and the gateway composing both. The two hubs hold different figures
// for Gosport, so an answer from the wrong hub shows as the wrong number. The gateway reaches
// each hub through a proxy in this process that records which key each request carried.
//
// Gosport's police.all-crime for 2022-02, counted from the files with Python's csv module
// (rows whose LSOA name starts "Gosport "), not from this code:
//   804 in data/samples/police-street/2022-02-hampshire-street.csv (the seeded sample, which
//       the Hampshire hub ingests on start);
//    32 in test/fixtures/police-uk-street-hampshire-2022-02.csv (the real excerpt, which the
//       Gloucester hub alone is given).
const GOSPORT = 'E07000088';
const SAMPLE_FEB_2022 = 804;
const REAL_FEB_2022 = 32;
const TREATMENT = 'partner.people-in-drug-and-alcohol-treatment';

const ROOT = join(__dirname, '..', '..');
const REFERENCE = join(ROOT, 'data', 'reference');
const children: ChildProcess[] = [];
const stores: TestStore[] = [];
const proxies: Server[] = [];
let dir: string;
let gatewayUrl: string;
let hampshireUrl: string;
let gloucesterUrl: string;

/** Every request the gateway sent a hub: which hub, and the key it carried (or null). */
const sent: Array<{ hub: string; key: string | null }> = [];

async function waitHealthy(url: string, child: ChildProcess, log: () => string): Promise<void> {
  for (let i = 0; i < 300; i += 1) {
    if (child.exitCode !== null) throw new Error(`process exited: ${log()}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not become healthy: ${log()}`);
}

async function start(script: string, env: Record<string, string>): Promise<string> {
  const port = await freePort();
  const child = spawn(process.execPath, [join(ROOT, 'dist', ...script.split('/'))], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      SCHEDULER: 'false',
      APOLLO_TELEMETRY_DISABLED: '1',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  children.push(child);
  const url = `http://127.0.0.1:${port}`;
  await waitHealthy(url, child, () => out);
  return url;
}

const hubEnv = new Map<string, Record<string, string>>();

/** Runs one of the project's commands against a hub's store, as an administrator would. */
function command(hubId: string, script: string, args: string[]): string {
  const run = spawnSync(process.execPath, [join(ROOT, 'dist', ...script.split('/')), ...args], {
    env: { ...process.env, LOG_LEVEL: 'error', ...hubEnv.get(hubId) },
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(`${script} ${args.join(' ')} failed: ${run.stderr}${run.stdout}`);
  return run.stdout.trim();
}

/** A hub; `before` runs against its store before it starts (an ingest of its own figures). */
async function hub(
  hubId: string,
  reference: string,
  ingest: boolean,
  before?: () => void,
  settings: Record<string, string> = {},
): Promise<string> {
  const store = await createTestStore();
  stores.push(store);
  const env = {
    HUB_ID: hubId,
    REFERENCE_DIR: reference,
    DATABASE_URL: store.settings.databaseUrl,
    SQLITE_PATH: store.settings.sqlitePath,
  };
  hubEnv.set(hubId, env);
  before?.();
  return start('src/main.js', { FEDERATION: 'true', INGEST_ON_START: String(ingest), ...settings, ...env });
}

/** Hubs whose proxy answers as a broken load balancer would: 502 with an HTML page. */
const broken = new Set<string>();

/** Passes requests on to a hub unchanged, noting the key each one carried. */
async function recordingProxy(hubId: string, target: string): Promise<string> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const key = req.headers.authorization ?? req.headers['x-api-key'];
      sent.push({ hub: hubId, key: typeof key === 'string' ? key : null });
      if (broken.has(hubId)) {
        res.writeHead(502, { 'content-type': 'text/html' });
        res.end(`<pre>Error: upstream ${target} failed\n    at proxy (/srv/lb/proxy.js:12:7)</pre>`);
        return;
      }
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(req.headers))
        if (typeof value === 'string' && !['host', 'connection', 'content-length'].includes(name))
          headers[name] = value;
      fetch(`${target}${req.url}`, {
        method: req.method,
        headers,
        body: chunks.length ? Buffer.concat(chunks) : undefined,
      })
        .then(async (r) => {
          res.writeHead(r.status, { 'content-type': r.headers.get('content-type') ?? 'application/json' });
          res.end(Buffer.from(await r.arrayBuffer()));
        })
        .catch((err: unknown) => {
          res.writeHead(502);
          res.end(String(err));
        });
    });
  });
  proxies.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** A key issued the way an administrator would: `npm run keys -- create` against the hub's store. */
function issueKey(hubId: string, organisation: string): string {
  return command(hubId, 'scripts/keys.js', ['create', organisation]);
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'hub-federation-'));
  const refA = join(dir, 'hampshire');
  const refB = join(dir, 'gloucester');
  cpSync(REFERENCE, refA, { recursive: true });
  cpSync(REFERENCE, refB, { recursive: true });
  unlinkSync(join(refA, 'partnerships', 'safer-gloucester.json'));
  for (const f of ['gosport', 'safer-north-hampshire', 'safer-portsmouth'])
    unlinkSync(join(refB, 'partnerships', `${f}.json`));
  writeFileSync(
    join(refB, 'partnerships', 'solent-test.json'),
    JSON.stringify({
      slug: 'solent-test',
      name: 'Solent test partnership',
      description: 'Covers a district whose figures the other hub holds.',
      areas: ['E07000088'],
      sourceDocuments: [],
      memberships: [],
      groups: [],
      plans: [],
      meetings: [],
      figures: [],
    }),
  );
  // The real excerpt, under the name data.police.uk gives it (the month and force come from it).
  const police = join(dir, 'police');
  mkdirSync(police);
  cpSync(POLICE_SAMPLE, join(police, '2022-02-hampshire-street.csv'));
  const [a, b] = await Promise.all([
    hub('hampshire', refA, true),
    // A council may set its own limits: this one prices queries as the others do, but allows
    // 5,000 where the gateway (and the other hub) allow 20,000.
    hub(
      'gloucester',
      refB,
      false,
      () => command('gloucester', 'jobs/ingest-cli.js', ['police-street', '--folder', police]),
      { MAX_QUERY_COMPLEXITY: '5000' },
    ),
  ]);
  hampshireUrl = a;
  gloucesterUrl = b;
  const [pa, pb] = await Promise.all([recordingProxy('hampshire', a), recordingProxy('gloucester', b)]);
  gatewayUrl = await start('src/gateway/main.js', {
    GATEWAY_SUBGRAPHS: `hampshire=${pa}/graphql,gloucester=${pb}/graphql`,
  });
}, 180_000);

afterAll(async () => {
  for (const c of children) c.kill('SIGTERM');
  await Promise.all(
    children.map((c) => (c.exitCode !== null ? Promise.resolve() : new Promise((r) => c.once('exit', r)))),
  );
  for (const p of proxies) {
    p.closeAllConnections();
    await new Promise((r) => p.close(r));
  }
  for (const s of stores) await s.drop();
  rmSync(dir, { recursive: true, force: true });
});

type Reply<T> = {
  status: number;
  data?: T;
  errors?: Array<{ message: string; extensions?: { code?: string } }>;
};

async function query<T>(
  q: string,
  key?: string,
  url = gatewayUrl,
  variables?: Record<string, unknown>,
): Promise<Reply<T>> {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body: JSON.stringify({ query: q, variables }),
  });
  return { status: res.status, ...((await res.json()) as Omit<Reply<T>, 'status'>) };
}

type Values = { edges: Array<{ node: { period: string; value: number } }> };
// first: 1 keeps the deepest query below under the hubs' cost limit: a hub counts the list of
// records a gateway asks it about 5 times over, like any list without `first`.
const FEB_2022 = `observations(measure: "police.all-crime", from: "2022-02", to: "2022-02", first: 1) { edges { node { period value } } }`;
const feb = (value: number): Values => ({ edges: [{ node: { period: '2022-02', value } }] });

test('one query through the gateway: partnerships and areas from both hubs', async () => {
  const res = await query<{
    hampshire: { partnerships: Array<{ slug: string; areas: Array<{ code: string }> }> };
    gloucester: { partnerships: Array<{ slug: string; areas: Array<{ code: string }> }> };
  }>('{ hampshire { partnerships { slug areas { code } } } gloucester { partnerships { slug areas { code } } } }');
  expect(res.errors).toBeUndefined();
  expect(res.data!.hampshire.partnerships.map((p) => p.slug)).toEqual([
    'gosport',
    'safer-north-hampshire',
    'safer-portsmouth',
  ]);
  expect(res.data!.gloucester.partnerships).toEqual([
    { slug: 'safer-gloucester', areas: [{ code: 'E07000081' }] },
    { slug: 'solent-test', areas: [{ code: 'E07000088' }] },
  ]);
});

test("an area's figures and partnerships from each hub, in one query", async () => {
  const res = await query<{
    hampshire: {
      area: {
        name: string;
        hampshire: { observations: { totalCount: number }; partnerships: Array<{ slug: string }> };
        gloucester: { observations: Values; partnerships: Array<{ slug: string }> };
      };
    };
  }>(
    `{ hampshire { area(code: "${GOSPORT}") { name hampshire { observations(measure: "police.all-crime") { totalCount } partnerships { slug } } gloucester { ${FEB_2022} partnerships { slug } } } } }`,
  );
  expect(res.errors).toBeUndefined();
  const area = res.data!.hampshire.area;
  expect(area.name).toBe('Gosport');
  expect(area.hampshire.observations.totalCount).toBe(36); // 36 months of the sample figures
  expect(area.hampshire.partnerships).toEqual([{ slug: 'gosport' }]);
  expect(area.gloucester).toEqual({ observations: feb(REAL_FEB_2022), partnerships: [{ slug: 'solent-test' }] });
});

test('through the gateway every root field is a hub: a shared root field such as series is not in its schema', async () => {
  const schema = await query<{
    __schema: { queryType: { fields: Array<{ name: string }> }; mutationType: { fields: Array<{ name: string }> } };
  }>('{ __schema { queryType { fields { name } } mutationType { fields { name } } } }');
  expect(schema.errors).toBeUndefined();
  expect(schema.data!.__schema.queryType.fields.map((f) => f.name).sort()).toEqual(['gloucester', 'hampshire']);
  expect(schema.data!.__schema.mutationType.fields.map((f) => f.name).sort()).toEqual(['gloucester', 'hampshire']);

  for (const q of [
    `{ series(area: "${GOSPORT}", measure: "police.all-crime") { points { value } } }`,
    `{ area(code: "${GOSPORT}") { name } }`,
    '{ partnership(slug: "gosport") { name } }',
    '{ viewer { keyPrefix } }',
    'mutation { submitObservations(observations: []) { runId } }',
  ]) {
    const r = await query(q);
    expect([q, r.status, r.errors?.map((e) => e.extensions?.code)]).toEqual([q, 400, ['GRAPHQL_VALIDATION_FAILED']]);
  }
  // Each hub still serves its own root fields to anyone asking it directly.
  type Direct = { series: { points: Array<{ period: string; value: number }> } };
  const series = `{ series(area: "${GOSPORT}", measure: "police.all-crime", from: "2022-02", to: "2022-02") { points { period value } } }`;
  for (const [url, value] of [
    [hampshireUrl, SAMPLE_FEB_2022],
    [gloucesterUrl, REAL_FEB_2022],
  ] as const) {
    const r = await query<Direct>(series, undefined, url);
    expect(r.errors).toBeUndefined();
    expect(r.data!.series.points).toEqual([{ period: '2022-02', value }]);
  }
});

test("the hub's contract operations: unchanged against the hub, and the same answers under its field through the gateway", async () => {
  const names = readdirSync(join(ROOT, 'schema', 'operations'))
    .filter((f) => f.endsWith('.graphql'))
    .map((f) => f.replace(/\.graphql$/, ''));
  expect(names.length).toBeGreaterThanOrEqual(7);
  for (const name of names) {
    const { query: op, variables } = contractOperation(name);
    const direct = await query<Record<string, unknown>>(op, undefined, hampshireUrl, variables);
    expect([name, direct.status, direct.errors]).toEqual([name, 200, undefined]);
    // The same operation with its root selection put under the hub's own field.
    const underHub = print(
      visit(parse(op), {
        OperationDefinition: (node) => ({
          ...node,
          selectionSet: {
            kind: Kind.SELECTION_SET,
            selections: [
              { kind: Kind.FIELD, name: { kind: Kind.NAME, value: 'hampshire' }, selectionSet: node.selectionSet },
            ],
          },
        }),
      }),
    );
    const through = await query<{ hampshire: Record<string, unknown> }>(underHub, undefined, gatewayUrl, variables);
    expect([name, through.errors]).toEqual([name, undefined]);
    expect([name, through.data!.hampshire]).toEqual([name, direct.data]);
  }
});

test("the same area's series from each hub: each hub's own figures, never the other's", async () => {
  const args = `area: "${GOSPORT}", measure: "police.all-crime", from: "2022-02", to: "2022-02"`;
  type Points = { points: Array<{ period: string; value: number }> };
  const res = await query<{ hampshire: { series: Points }; gloucester: { series: Points } }>(
    `{ hampshire { series(${args}) { points { period value } } } gloucester { series(${args}) { points { period value } } } }`,
  );
  expect(res.errors).toBeUndefined();
  expect(res.data!.hampshire.series.points).toEqual([{ period: '2022-02', value: SAMPLE_FEB_2022 }]);
  expect(res.data!.gloucester.series.points).toEqual([{ period: '2022-02', value: REAL_FEB_2022 }]);

  // A partnership is asked of the hub that holds it; the other hub does not have it.
  const partnerships = await query<{
    hampshire: { gosport: { observations: Values }; solent: null };
    gloucester: { solent: { observations: Values } };
  }>(
    `{ hampshire { gosport: partnership(slug: "gosport") { ${FEB_2022} } solent: partnership(slug: "solent-test") { name } } gloucester { solent: partnership(slug: "solent-test") { ${FEB_2022} } } }`,
  );
  expect(partnerships.data).toEqual({
    hampshire: { gosport: { observations: feb(SAMPLE_FEB_2022) }, solent: null },
    gloucester: { solent: { observations: feb(REAL_FEB_2022) } },
  });
  // The missing one is named by its argument, never by the slug sent back.
  expect(partnerships.errors!.map((e) => [e.extensions?.code, e.message])).toEqual([
    ['NOT_FOUND', 'No partnership matches the "slug" argument.'],
  ]);

  // Back and forth between the hubs in one query: below a hub's field, every figure and
  // partnership is that hub's, however deep, wherever the query came from.
  type AreaFigures = { code: string; observations: Values; hampshire: { observations: Values } };
  const nested = await query<{
    hampshire: {
      area: {
        observations: Values;
        partnerships: Array<{ slug: string }>;
        gloucester: { partnerships: Array<{ slug: string; areas: AreaFigures[] }> };
      };
    };
  }>(
    `{ hampshire { area(code: "${GOSPORT}") { ${FEB_2022} partnerships { slug } gloucester { partnerships { slug areas { code ${FEB_2022} hampshire { ${FEB_2022} } } } } } } }`,
  );
  expect(nested.errors).toBeUndefined();
  expect(nested.data!.hampshire.area).toEqual({
    observations: feb(SAMPLE_FEB_2022),
    partnerships: [{ slug: 'gosport' }],
    gloucester: {
      partnerships: [
        {
          slug: 'solent-test',
          areas: [
            { code: GOSPORT, observations: feb(REAL_FEB_2022), hampshire: { observations: feb(SAMPLE_FEB_2022) } },
          ],
        },
      ],
    },
  });
});

test('a hub answers a record named by another hub only for its own field on it', async () => {
  const representations = [{ __typename: 'Area', code: GOSPORT }];
  const ask = (selection: string) =>
    query<{ _entities: unknown[] }>(
      `query($r: [_Any!]!) { _entities(representations: $r) { ${selection} } }${selection.includes('...Figures') ? ' fragment Figures on Area { observations { totalCount } }' : ''}`,
      undefined,
      hampshireUrl,
      { r: representations },
    );
  const own = await ask('... on Area { hampshire { partnerships { slug } } } ...on Partnership { __typename }');
  expect(own.errors).toBeUndefined();
  expect(own.data!._entities).toEqual([{ hampshire: { partnerships: [{ slug: 'gosport' }] } }]);
  for (const selection of [
    '... on Area { partnerships { slug } }',
    '...Figures',
    '... on Area { name hampshire { hub } }',
    '... on Partnership { plans { id } }',
  ]) {
    const r = await ask(`${selection} ... on Area { code }`);
    expect([selection, r.status, r.errors?.map((e) => e.extensions?.code)]).toEqual([
      selection,
      400,
      ['GRAPHQL_VALIDATION_FAILED'],
    ]);
  }
});

test("entities resolve across hubs by key: a Gloucester area from the Hampshire hub's reference", async () => {
  const res = await query<{
    gloucester: {
      area: {
        code: string;
        name: string;
        gloucester: { partnerships: Array<{ slug: string }> };
        hampshire: { partnerships: unknown[] };
      };
    };
  }>(
    '{ gloucester { area(code: "E07000081") { code name gloucester { partnerships { slug } } hampshire { partnerships { slug } } } } }',
  );
  expect(res.errors).toBeUndefined();
  expect(res.data!.gloucester.area).toEqual({
    code: 'E07000081',
    name: 'Gloucester',
    gloucester: { partnerships: [{ slug: 'safer-gloucester' }] },
    hampshire: { partnerships: [] },
  });
});

test("restricted figures through the gateway: a member's key reaches only the hub that issued it", async () => {
  // The sample partner feed loads Portsmouth's treatment numbers (RESTRICTED) into the Hampshire hub.
  const q =
    '{ hampshire { area(code: "E06000044") { hampshire { observations(measure: "partner.people-in-drug-and-alcohol-treatment") { totalCount edges { node { value } } } } } } }';
  type Result = {
    hampshire: {
      area: { hampshire: { observations: { totalCount: number; edges: Array<{ node: { value: number } }> } } };
    };
  };
  const member = issueKey('hampshire', 'hampshire-constabulary');
  expect(member).toMatch(/@hampshire$/);
  const outsider = issueKey('gloucester', 'gloucester-city-council');

  const direct = await query<{ hub: { observations: { totalCount: number } } }>(
    '{ hub: area(code: "E06000044") { observations(measure: "partner.people-in-drug-and-alcohol-treatment") { totalCount } } }',
    member,
    hampshireUrl,
  );
  const quarters = direct.data!.hub.observations.totalCount;
  expect(quarters).toBeGreaterThanOrEqual(12);

  const withKey = await query<Result>(q, member);
  expect(withKey.errors).toBeUndefined();
  expect(withKey.data!.hampshire.area.hampshire.observations.totalCount).toBe(quarters);
  expect(withKey.data!.hampshire.area.hampshire.observations.edges.every((e) => e.node.value > 100)).toBe(true);

  for (const key of [undefined, outsider]) {
    const r = await query<Result>(q, key);
    expect(r.errors).toBeUndefined();
    expect(r.data!.hampshire.area.hampshire.observations).toEqual({ totalCount: 0, edges: [] });
  }

  // Its own restricted series, and who it is, through the gateway with the member's key: the
  // key goes to the Hampshire hub, and never to the Gloucester hub, where the caller is anonymous.
  const series = `series(area: "E06000044", measure: "${TREATMENT}") { points { period value } }`;
  const directSeries = await query<{ series: { points: unknown[] } }>(`{ ${series} }`, member, hampshireUrl);
  expect(directSeries.data!.series.points).toHaveLength(quarters);
  const before = sent.length;
  const both = await query<{
    hampshire: { series: { points: unknown[] }; viewer: { organisation: { id: string } } };
    gloucester: { viewer: null; area: { hampshire: { hub: string } } };
  }>(
    `{ hampshire { ${series} viewer { organisation { id } } } gloucester { viewer { keyPrefix } area(code: "E06000044") { hampshire { hub } } } }`,
    member,
  );
  expect(both.errors).toBeUndefined();
  expect(both.data!.hampshire.series.points).toEqual(directSeries.data!.series.points);
  expect(both.data!.hampshire.viewer).toEqual({ organisation: { id: 'hampshire-constabulary' } });
  expect(both.data!.gloucester).toEqual({ viewer: null, area: { hampshire: { hub: 'hampshire' } } });
  const during = sent.slice(before);
  expect(during.filter((r) => r.hub === 'hampshire').map((r) => r.key)).toEqual([
    `Bearer ${member}`,
    `Bearer ${member}`,
  ]);
  expect(during.filter((r) => r.hub === 'gloucester').map((r) => r.key)).toEqual([null]);
  expect(sent.filter((r) => r.hub === 'gloucester' && r.key?.includes(member))).toEqual([]);

  // Without the member's key the Hampshire hub withholds the series, as it would asked directly.
  for (const key of [undefined, outsider]) {
    const r = await query<{ hampshire: { series: null } }>(`{ hampshire { ${series} } }`, key);
    expect(r.data).toEqual({ hampshire: { series: null } });
    expect(r.errors!.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
  }
  // A key issued by a hub the gateway does not serve is refused at the gateway.
  const stray = await query<Result>(q, member.replace(/@hampshire$/, '@elsewhere'));
  expect(stray.status).toBe(401);
  expect(stray.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
  // And a hub refuses another hub's key presented to it directly.
  expect((await query(q, outsider, hampshireUrl)).status).toBe(401);
});

test("the gateway refuses a hub under another hub's name (it would send that hub the other's keys)", async () => {
  const { composeSupergraph } = await import('../../src/gateway/compose');
  await expect(composeSupergraph([{ name: 'gloucester', url: `${hampshireUrl}/graphql` }])).rejects.toThrow(
    'subgraph gloucester at ' + `${hampshireUrl}/graphql` + ' is not the hub "gloucester" (its HUB_ID differs)',
  );
});

test('a submission through the gateway goes to the hub named, with the key that hub issued', async () => {
  const owner = issueKey('hampshire', 'portsmouth-city-council');
  const submit = (hubId: string) =>
    query<Record<string, { submitObservations: { rows: number; runId: string } } | null>>(
      `mutation { ${hubId} { submitObservations(observations: [{ measure: "${TREATMENT}", area: "E06000044", period: "2024-Q1", value: 1500 }]) { rows runId } } }`,
      owner,
    );
  const before = sent.length;
  const here = await submit('hampshire');
  expect(here.errors).toBeUndefined();
  expect(here.data!.hampshire!.submitObservations.rows).toBe(1);
  // The Gloucester hub never gets the key, so it refuses the submission as it would any without one.
  const there = await submit('gloucester');
  expect(there.data).toBeNull();
  expect(there.errors!.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
  expect(sent.slice(before)).toEqual([
    { hub: 'hampshire', key: `Bearer ${owner}` },
    { hub: 'gloucester', key: null },
  ]);
});

describe('limits and errors through the gateway (issue 14)', () => {
  type Raw = { status: number; headers: Headers; text: string; body: Reply<Record<string, unknown>> };
  async function raw(payload: unknown, headers: Record<string, string> = {}): Promise<Raw> {
    const res = await fetch(`${gatewayUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof payload === 'string' ? payload : JSON.stringify(payload),
    });
    const text = await res.text();
    let body: Reply<Record<string, unknown>> = { status: res.status };
    try {
      body = { status: res.status, ...(JSON.parse(text) as object) };
    } catch {
      // not JSON: the assertions on `text` say so
    }
    return { status: res.status, headers: res.headers, text, body };
  }
  const refused = (r: Raw) => {
    expect([r.status, r.body.data, r.body.errors?.length]).toEqual([400, undefined, 1]);
    return r.body.errors![0]! as { message: string; extensions?: Record<string, unknown> };
  };
  const noLeak = (text: string) => {
    expect(text).not.toMatch(/stacktrace|\n\s+at |\.(ts|js):\d+|node_modules|<html|<pre|127\.0\.0\.1|\/srv\//i);
  };

  // hampshire { areas(first: 100) { edges { node { gloucester { observations(first: 100) { edges { node { value } } } } } } } }
  //   value 1; node 2; edges 1 + 5 x 2 = 11; observations(first: 100) 1 + 100 x 11 = 1,101; gloucester 1,102;
  //   area node 1,103; edges 1 + 5 x 1,103 = 5,516; areas(first: 100) 1 + 100 x 5,516 = 551,601; hampshire 551,602.
  // Each hub sees only its own part of it, which is why each let it through.
  const ACROSS =
    'hampshire { areas(first: 100) { edges { node { gloucester { observations(first: 100) { edges { node { value } } } } } } } }';
  const ACROSS_COST = 551_602;

  test("a query nested 21 levels across hubs is refused with the hubs' own depth limit", async () => {
    // hampshire, area, 6 x (a hub's field on Area, partnerships, areas), code: 2 + 18 + 1 = 21.
    let inner = 'code';
    for (let i = 0; i < 6; i += 1)
      inner = `${i % 2 ? 'hampshire' : 'gloucester'} { partnerships { areas { ${inner} } } }`;
    const err = refused(await raw({ query: `{ hampshire { area(code: "${GOSPORT}") { ${inner} } } }` }));
    expect(err.extensions).toEqual({ code: 'QUERY_TOO_DEEP', limit: 12, actual: 21 });
  });

  test('a query costlier than the limit across hubs is refused as a whole, whatever each hub would say of its part', async () => {
    const err = refused(await raw({ query: `{ ${ACROSS} }` }));
    expect(err.extensions).toEqual({ code: 'QUERY_TOO_COMPLEX', limit: 20_000, actual: ACROSS_COST });
    const typenames = Array.from({ length: 10_001 }, (_, i) => `t${i}: __typename`).join(' ');
    const aliased = refused(await raw({ query: `{ ${typenames} ${ACROSS} }` }));
    expect(aliased.extensions).toEqual({ code: 'QUERY_TOO_COMPLEX', limit: 20_000, actual: 10_001 + ACROSS_COST });
  });

  test('a null for a variable with a default, deep variables and spcChart aliases are refused at the gateway', async () => {
    const nullSlug = refused(
      await raw({
        query: 'query($s: String = "gosport") { hampshire { partnership(slug: $s) { name } } }',
        variables: { s: null },
      }),
    );
    expect([nullSlug.message, nullSlug.extensions]).toEqual([
      'Argument "slug" of non-null type "String!" must not be null.',
      { code: 'BAD_USER_INPUT' },
    ]);

    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    const nested = refused(
      await raw(
        `{"query":"query($v: [Float!]!) { hampshire { spcChart(values: $v) { mean } } }","variables":{"v":${deep}}}`,
      ),
    );
    expect(nested.extensions).toEqual({ code: 'BAD_USER_INPUT', limit: 32 });

    // hampshire 1 + 300 x (1 + 10,000 values + mean 1).
    const values = Array.from({ length: 10_000 }, (_, i) => i % 7);
    const aliases = Array.from({ length: 300 }, (_, i) => `c${i}: spcChart(values: $v) { mean }`).join(' ');
    const charts = refused(
      await raw({ query: `query($v: [Float!]!) { hampshire { ${aliases} } }`, variables: { v: values } }),
    );
    expect(charts.extensions).toEqual({ code: 'QUERY_TOO_COMPLEX', limit: 20_000, actual: 1 + 300 * 10_002 });
  });

  test('a query by hash alone is PERSISTED_QUERY_NOT_SUPPORTED at the gateway too', async () => {
    const persistedQuery = {
      version: 1,
      sha256Hash: 'ecf4edb46db40b5132295c0291d62fb65d6759a9eedfa4d5d612dd5ec54a6b38',
    };
    const r = await raw({ extensions: { persistedQuery } });
    expect([r.status, r.body.errors]).toEqual([
      200,
      [{ message: 'PersistedQueryNotSupported', extensions: { code: 'PERSISTED_QUERY_NOT_SUPPORTED' } }],
    ]);
  });

  test("a hub's refusal reaches the caller with the hub's code and message; anything else a hub sends is masked", async () => {
    // Within the gateway's 20,000 but over the Gloucester hub's own 5,000:
    //   observations(first: 10) { totalCount } 1 + 10 x 1 = 11; node 1 + (code 1 + 11) = 13;
    //   edges 1 + 5 x 13 = 66; measures(first: 100) 1 + 100 x 66 = 6,601; gloucester 6,602.
    const over = await raw({
      query:
        '{ gloucester { measures(first: 100) { edges { node { code observations(first: 10) { totalCount } } } } } }',
    });
    // The hub's status too: a client that acts on 400 (ask for less) is told so.
    expect(over.status).toBe(400);
    expect(over.body.data).toBeNull();
    expect(over.body.errors).toEqual([
      {
        message:
          "The query's estimated cost is 6602; the limit is 5000. Ask for fewer items per page or fewer nested lists.",
        extensions: { code: 'QUERY_TOO_COMPLEX', limit: 5000, actual: 6602, serviceName: 'gloucester' },
      },
    ]);
    noLeak(over.text);

    // A key in the Hampshire hub's form that it never issued: the hub's own 401 and words, not
    // "401: Unauthorized" with the hub's address and answer attached.
    const madeUp = `csh_Guess001_${'x'.repeat(32)}@hampshire`;
    const unknownKey = await raw(
      { query: '{ hampshire { viewer { keyPrefix } } }' },
      { authorization: `Bearer ${madeUp}` },
    );
    expect(unknownKey.status).toBe(401);
    expect(unknownKey.body.errors).toEqual([
      {
        message: 'The API key is not valid (unknown, mistyped, revoked or issued by another hub).',
        extensions: { code: 'UNAUTHENTICATED', serviceName: 'hampshire' },
      },
    ]);
    noLeak(unknownKey.text);

    // A hub behind a failing proxy: masked, its page and paths nowhere in the answer.
    broken.add('gloucester');
    try {
      const down = await raw({ query: '{ hampshire { partnerships { slug } } gloucester { partnerships { slug } } }' });
      expect(down.body.data).toBeNull();
      expect(down.body.errors!.map((e) => [e.message, e.extensions])).toEqual([
        ['Internal server error.', { code: 'INTERNAL_SERVER_ERROR' }],
      ]);
      noLeak(down.text);
    } finally {
      broken.delete('gloucester');
    }
    expect((await raw({ query: '{ gloucester { partnerships { slug } } }' })).body.errors).toBeUndefined();
  });

  test('a body over the limit, malformed JSON and an unknown path get JSON with a code, no stack, no path', async () => {
    const big = await raw({ query: `{ __typename } # ${'x'.repeat(1_100_000)}` });
    expect([big.status, JSON.parse(big.text)]).toEqual([
      413,
      { errors: [{ message: 'The request body is too large.', extensions: { code: 'BAD_REQUEST' } }] },
    ]);
    noLeak(big.text);
    const malformed = await raw('{"query": ');
    expect([malformed.status, JSON.parse(malformed.text)]).toEqual([
      400,
      { errors: [{ message: 'The request body is not valid JSON.', extensions: { code: 'BAD_REQUEST' } }] },
    ]);
    noLeak(malformed.text);
    const elsewhere = await fetch(`${gatewayUrl}/nowhere`);
    expect(elsewhere.status).toBe(404);
    expect(((await elsewhere.json()) as Reply<unknown>).errors![0]!.extensions!.code).toBe('NOT_FOUND');
  });

  test('a successful mutation through the gateway is never cached', async () => {
    const owner = issueKey('hampshire', 'portsmouth-city-council');
    const figure = `measure: "${TREATMENT}", area: "E06000044", period: "2024-Q2"`;
    const submitted = await raw(
      { query: `mutation { hampshire { submitObservations(observations: [{ ${figure}, value: 1400 }]) { rows } } }` },
      { authorization: `Bearer ${owner}` },
    );
    expect([submitted.status, submitted.body.errors, submitted.body.data]).toEqual([
      200,
      undefined,
      { hampshire: { submitObservations: { rows: 1 } } },
    ]);
    expect(submitted.headers.get('cache-control')).toBe('no-store');
    const withdrawn = await raw(
      { query: `mutation { hampshire { withdrawObservations(figures: [{ ${figure} }]) { withdrawn } } }` },
      { authorization: `Bearer ${owner}` },
    );
    expect([withdrawn.status, withdrawn.body.errors, withdrawn.body.data]).toEqual([
      200,
      undefined,
      { hampshire: { withdrawObservations: { withdrawn: 1 } } },
    ]);
    expect(withdrawn.headers.get('cache-control')).toBe('no-store');
  });
});

describe("each hub's rate limit counts the gateway's callers, not the gateway (issue 14)", () => {
  // A hub allowing 3 requests a minute from an address, trusting the gateway in front of it
  // (TRUSTED_PROXIES=loopback), and a gateway of its own. Callers come from different loopback
  // addresses (127.0.0.2, 127.0.0.3: all of 127/8 is this machine), as different machines would.
  let limitedGateway: string;
  let limitedHub: string;
  beforeAll(async () => {
    limitedHub = await hub('limited', join(dir, 'hampshire'), false, undefined, {
      RATE_LIMIT_PER_MINUTE: '3',
      TRUSTED_PROXIES: 'loopback',
    });
    limitedGateway = await start('src/gateway/main.js', { GATEWAY_SUBGRAPHS: `limited=${limitedHub}/graphql` });
  }, 120_000);

  type Answer = { status: number; retryAfter: string | null; body: Reply<Record<string, unknown>> };
  /** POSTs a query from a given local address, with any extra headers. */
  function from(localAddress: string, url: string, q: string, headers: Record<string, string> = {}): Promise<Answer> {
    const body = JSON.stringify({ query: q });
    return new Promise((resolve, reject) => {
      const req = httpRequest(
        `${url}/graphql`,
        {
          method: 'POST',
          localAddress,
          headers: { 'content-type': 'application/json', 'content-length': String(body.length), ...headers },
        },
        (res) => {
          let text = '';
          res.on('data', (d: Buffer) => (text += d.toString()));
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              retryAfter: (res.headers['retry-after'] as string | undefined) ?? null,
              body: { status: res.statusCode ?? 0, ...(JSON.parse(text) as object) },
            }),
          );
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  }
  const Q = '{ limited { partnerships { slug } } }';

  test('a caller who spends its allowance gets 429 with Retry-After; another caller through the same gateway does not', async () => {
    const first: number[] = [];
    for (let i = 0; i < 3; i += 1) first.push((await from('127.0.0.2', limitedGateway, Q)).status);
    expect(first).toEqual([200, 200, 200]);

    const refused = await from('127.0.0.2', limitedGateway, Q);
    expect(refused.status).toBe(429);
    expect(Number(refused.retryAfter)).toBeGreaterThanOrEqual(1);
    expect(refused.body.data).toBeNull();
    expect(refused.body.errors).toEqual([
      {
        message: 'Too many requests: at most 3 a minute from this address. Retry after ' + refused.retryAfter + ' s.',
        extensions: { code: 'RATE_LIMITED', serviceName: 'limited' },
      },
    ]);

    // Before, every anonymous caller was the gateway's one address, and this one was refused too.
    const other = await from('127.0.0.3', limitedGateway, Q);
    expect([other.status, other.body.errors]).toEqual([200, undefined]);
    expect(other.body.data).toEqual({ limited: { partnerships: expect.arrayContaining([{ slug: 'gosport' }]) } });
  });

  test("a caller's own X-Forwarded-For is not believed by a gateway that lists no proxies", async () => {
    // 127.0.0.4 spends its 3, then claims to be someone else: the gateway forwards the address
    // it sees, so the hub still counts 127.0.0.4.
    for (let i = 0; i < 3; i += 1) expect((await from('127.0.0.4', limitedGateway, Q)).status).toBe(200);
    const claimed = await from('127.0.0.4', limitedGateway, Q, { 'x-forwarded-for': '203.0.113.9' });
    expect(claimed.status).toBe(429);
  });

  test('a hub that lists no proxies ignores X-Forwarded-For: a caller cannot escape its limit by claiming an address', async () => {
    // The Gloucester hub keeps the default (no TRUSTED_PROXIES) and 1,200 a minute; a hub of
    // its own with 3 a minute and no proxies shows the header changes nothing.
    const strict = await hub('strict', join(dir, 'hampshire'), false, undefined, { RATE_LIMIT_PER_MINUTE: '3' });
    const direct = '{ partnerships { slug } }';
    const statuses: number[] = [];
    for (let i = 0; i < 4; i += 1)
      statuses.push((await from('127.0.0.5', strict, direct, { 'x-forwarded-for': `198.51.100.${i}` })).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
  }, 120_000);
});
