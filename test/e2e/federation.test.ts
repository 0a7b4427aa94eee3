import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestStore, type TestStore } from '../helpers/test-store';
import { freePort } from '../../src/net/free-port';

// Three processes on 127.0.0.1: a hub holding the Hampshire partnerships (and the sample
// figures), a hub holding Safer Gloucester and an extra partnership over Gosport, and the
// gateway composing both. One query gets partnerships from both hubs, and Gosport's figures
// from the first with its partnerships from the second.

const ROOT = join(__dirname, '..', '..');
const REFERENCE = join(ROOT, 'data', 'reference');
const children: ChildProcess[] = [];
const stores: TestStore[] = [];
let dir: string;
let gatewayUrl: string;
let hampshireUrl: string;

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

async function hub(hubId: string, reference: string, ingest: boolean): Promise<string> {
  const store = await createTestStore();
  stores.push(store);
  const env = {
    HUB_ID: hubId,
    REFERENCE_DIR: reference,
    DATABASE_URL: store.settings.databaseUrl,
    SQLITE_PATH: store.settings.sqlitePath,
  };
  hubEnv.set(hubId, env);
  return start('src/main.js', { FEDERATION: 'true', INGEST_ON_START: String(ingest), ...env });
}

/** A key issued the way an administrator would: `npm run keys -- create` against the hub's store. */
function issueKey(hubId: string, organisation: string): string {
  const run = spawnSync(process.execPath, [join(ROOT, 'dist', 'scripts', 'keys.js'), 'create', organisation], {
    env: { ...process.env, LOG_LEVEL: 'error', ...hubEnv.get(hubId) },
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(`keys create failed: ${run.stderr}`);
  return run.stdout.trim();
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
  const [a, b] = await Promise.all([hub('hampshire', refA, true), hub('gloucester', refB, false)]);
  hampshireUrl = a;
  gatewayUrl = await start('src/gateway/main.js', {
    GATEWAY_SUBGRAPHS: `hampshire=${a}/graphql,gloucester=${b}/graphql`,
  });
}, 180_000);

afterAll(async () => {
  for (const c of children) c.kill('SIGTERM');
  await Promise.all(
    children.map((c) => (c.exitCode !== null ? Promise.resolve() : new Promise((r) => c.once('exit', r)))),
  );
  for (const s of stores) await s.drop();
  rmSync(dir, { recursive: true, force: true });
});

async function query<T>(
  q: string,
  key?: string,
  url = gatewayUrl,
): Promise<{ status: number; data?: T; errors?: Array<{ message: string; extensions?: { code?: string } }> }> {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body: JSON.stringify({ query: q }),
  });
  return { status: res.status, ...((await res.json()) as { data?: T; errors?: Array<{ message: string }> }) };
}

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

test('an area whose figures come from one hub and whose partnerships come from the other', async () => {
  const res = await query<{
    hampshire: {
      area: {
        name: string;
        hampshire: { observations: { totalCount: number }; partnerships: Array<{ slug: string }> };
        gloucester: { observations: { totalCount: number }; partnerships: Array<{ slug: string }> };
      };
    };
  }>(
    '{ hampshire { area(code: "E07000088") { name hampshire { observations(measure: "police.all-crime") { totalCount } partnerships { slug } } gloucester { observations { totalCount } partnerships { slug } } } } }',
  );
  expect(res.errors).toBeUndefined();
  const area = res.data!.hampshire.area;
  expect(area.name).toBe('Gosport');
  expect(area.hampshire.observations.totalCount).toBe(36); // 36 months of the sample figures
  expect(area.hampshire.partnerships).toEqual([{ slug: 'gosport' }]);
  expect(area.gloucester).toEqual({ observations: { totalCount: 0 }, partnerships: [{ slug: 'solent-test' }] });
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
