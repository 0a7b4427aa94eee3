import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { request } from 'node:http';
import { join } from 'node:path';
import { ApiKey } from '../../src/entities';
import { startTestHub, type TestHub } from '../helpers/test-hub';

// API keys from the command (stored hashed, revocable), and the limits every request meets:
// a rate limit per key or address with Retry-After, a request timeout, a body size limit.

const KEYS_CLI = join(__dirname, '..', '..', 'dist', 'scripts', 'keys.js');

function keys(t: TestHub, ...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [KEYS_CLI, ...args], {
    env: {
      ...process.env,
      DATABASE_URL: t.store.settings.databaseUrl,
      SQLITE_PATH: t.store.settings.sqlitePath,
      LOG_LEVEL: 'error',
    },
    encoding: 'utf8',
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

async function post(
  t: TestHub,
  query: string,
  headers: Record<string, string> = {},
): Promise<{
  status: number;
  headers: Headers;
  body: { data?: Record<string, unknown>; errors?: Array<{ message: string; extensions: { code: string } }> };
}> {
  const res = await fetch(`${t.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query }),
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as never };
}

describe('API keys', () => {
  let t: TestHub;
  beforeAll(async () => {
    t = await startTestHub();
  });
  afterAll(async () => {
    await t.stop();
  });

  test('a key is made by the command, shown once, stored only as its hash, and names its organisation', async () => {
    const made = keys(t, 'create', 'portsmouth-city-council', '--label', 'dashboards');
    expect(made.status).toBe(0);
    const key = made.stdout.trim();
    expect(key).toMatch(/^csh_[A-Za-z0-9]{8}_[A-Za-z0-9_-]{32}@hub$/);
    const [row] = await t.hub.dataSource.manager.find(ApiKey);
    expect(row).toMatchObject({
      organisationId: 'portsmouth-city-council',
      label: 'dashboards',
      prefix: key.slice(4, 12),
      revokedAt: null,
    });
    expect(row!.hash).toBe(createHash('sha256').update(key).digest('hex'));
    expect(JSON.stringify(row)).not.toContain(key.slice(13));

    const bearer = await post(t, '{ viewer { keyPrefix organisation { id name } } }', {
      authorization: `Bearer ${key}`,
    });
    expect(bearer.body.data).toEqual({
      viewer: { keyPrefix: row!.prefix, organisation: { id: 'portsmouth-city-council', name: expect.any(String) } },
    });
    const header = await post(t, '{ viewer { organisation { id } } }', { 'x-api-key': key });
    expect(header.body.data).toEqual({ viewer: { organisation: { id: 'portsmouth-city-council' } } });
    expect((await post(t, '{ viewer { keyPrefix } }')).body.data).toEqual({ viewer: null });

    const listed = keys(t, 'list');
    expect(listed.stdout).toContain(`${row!.prefix}  portsmouth-city-council  dashboards`);
    expect(keys(t, 'create', 'no-such-organisation').status).toBe(1);
    expect(keys(t, 'frobnicate').status).toBe(2);
  });

  test('a wrong, malformed or revoked key is refused with UNAUTHENTICATED; revoking is immediate', async () => {
    const key = keys(t, 'create', 'hampshire-constabulary').stdout.trim();
    expect((await post(t, '{ viewer { keyPrefix } }', { 'x-api-key': key })).status).toBe(200);
    const wrong = `${key.slice(0, -4)}abcd`;
    for (const bad of [wrong, 'not-a-key']) {
      const res = await post(t, '{ __typename }', { authorization: `Bearer ${bad}` });
      expect(res.status).toBe(401);
      expect(res.body.errors![0]!.extensions.code).toBe('UNAUTHENTICATED');
    }
    expect(keys(t, 'revoke', key.slice(4, 12)).status).toBe(0);
    const revoked = await post(t, '{ __typename }', { 'x-api-key': key });
    expect(revoked.status).toBe(401);
    expect(revoked.body.errors![0]!.message).toBe(
      'The API key is not valid (unknown, mistyped, revoked or issued by another hub).',
    );
  });
});

describe('limits', () => {
  test('the rate limit answers 429 with Retry-After, per address, and a key has its own allowance', async () => {
    const t = await startTestHub({ rateLimitPerMinute: 3 });
    try {
      const key = keys(t, 'create', 'portsmouth-city-council').stdout.trim();
      // Used once before the address is spent: a key the hub has not yet found valid is paid for
      // by its address until it is (test/e2e/hardening.test.ts: made-up keys).
      expect((await post(t, '{ __typename }', { 'x-api-key': key })).status).toBe(200);
      const statuses: number[] = [];
      for (let i = 0; i < 4; i += 1) statuses.push((await post(t, '{ __typename }')).status);
      expect(statuses).toEqual([200, 200, 200, 429]);
      const limited = await post(t, '{ __typename }');
      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(limited.body.errors![0]!.extensions.code).toBe('RATE_LIMITED');
      expect((await post(t, '{ __typename }', { 'x-api-key': key })).status).toBe(200);
    } finally {
      await t.stop();
    }
  });

  test('a request slower than the timeout gets 503 TIMEOUT; a body over the limit gets 413', async () => {
    const t = await startTestHub({ requestTimeoutMs: 300, bodyLimit: '1kb' });
    try {
      // A client that sends half its body, then stalls: the hub must not wait for ever.
      const body = JSON.stringify({ query: '{ __typename }' });
      const slow = await new Promise<{ status: number; text: string }>((resolve, reject) => {
        const req = request(
          `${t.url}/graphql`,
          { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': String(body.length) } },
          (res) => {
            let text = '';
            res.on('data', (d: Buffer) => (text += d.toString()));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
          },
        );
        req.on('error', reject);
        req.write(body.slice(0, 5));
        setTimeout(() => req.end(body.slice(5)), 1000);
      });
      expect(slow.status).toBe(503);
      expect(JSON.parse(slow.text)).toEqual({
        errors: [{ message: 'The request took longer than 300 ms.', extensions: { code: 'TIMEOUT' } }],
      });
      const big = await fetch(`${t.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: `{ __typename } # ${'x'.repeat(2000)}` }),
      });
      expect(big.status).toBe(413);
      expect(await big.json()).toEqual({
        errors: [{ message: 'The request body is too large.', extensions: { code: 'BAD_REQUEST' } }],
      });
    } finally {
      await t.stop();
    }
  });
});

describe('HTTP caching', () => {
  test('public reads carry max-age and an ETag, and an unchanged GET is 304; with a key they are private; mutations never', async () => {
    const t = await startTestHub({ cacheMaxAge: 60 });
    try {
      const url = `${t.url}/graphql?query=${encodeURIComponent('{ themes { code } }')}`;
      const first = await fetch(url, { headers: { 'apollo-require-preflight': 'true' } });
      expect(first.status).toBe(200);
      expect(first.headers.get('cache-control')).toBe('max-age=60, public');
      expect(first.headers.get('vary')).toMatch(/Authorization, X-API-Key/);
      const etag = first.headers.get('etag');
      expect(etag).toMatch(/^W\/".+"$/);
      // Sent as a cache would (fetch() adds Cache-Control: no-cache to conditional requests).
      const again = await new Promise<number>((resolve, reject) => {
        request(url, { headers: { 'apollo-require-preflight': 'true', 'if-none-match': etag! } }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        })
          .on('error', reject)
          .end();
      });
      expect(again).toBe(304);

      const { key } = await (
        await import('../../src/auth/api-keys')
      ).createKey(t.hub.dataSource, 'portsmouth-city-council', 'cache test', 'hub');
      const keyed = await fetch(url, { headers: { 'apollo-require-preflight': 'true', 'x-api-key': key } });
      expect(keyed.headers.get('cache-control')).toBe('max-age=60, private');
      const mutation = await post(t, 'mutation { submitObservations(observations: []) { rows } }', {
        'x-api-key': key,
      });
      expect(mutation.headers.get('cache-control')).toBe('no-store');

      const csv = await fetch(`${t.url}/export/series.csv?measure=quoted.population&area=E07000088`);
      expect(csv.headers.get('cache-control')).toBe('public, max-age=60');
      expect(csv.headers.get('vary')).toMatch(/Authorization, X-API-Key/);
      const csvKeyed = await fetch(`${t.url}/export/series.csv?measure=quoted.population&area=E07000088`, {
        headers: { 'x-api-key': key },
      });
      expect(csvKeyed.headers.get('cache-control')).toBe('private, max-age=60');
    } finally {
      await t.stop();
    }
  });

  test('a successful mutation (a submission, a withdrawal) is never cached: no-store, with or without caching, never max-age private', async () => {
    for (const cacheMaxAge of [60, 0]) {
      const t = await startTestHub({ cacheMaxAge });
      try {
        const { key } = await (
          await import('../../src/auth/api-keys')
        ).createKey(t.hub.dataSource, 'portsmouth-city-council', 'cache test', 'hub');
        const row = `{ measure: "partner.early-help-assessments-parental-conflict", area: "E06000044", period: "2024-Q1", value: ${cacheMaxAge + 1} }`;
        for (const query of [
          `mutation { submitObservations(observations: [${row}]) { rows } }`,
          // A mutation asking for __typename too, and one named, through a fragment.
          `mutation Submit { __typename ...F } fragment F on Mutation { submitObservations(observations: [${row}]) { unchanged } }`,
        ]) {
          const res = await post(t, query, { 'x-api-key': key });
          expect(res.status).toBe(200);
          expect(res.body.errors).toBeUndefined();
          expect(res.headers.get('cache-control')).toBe('no-store');
        }
        // Withdrawing the figure just submitted: it showed the organisation's value, and no other
        // source has one, so 1 withdrawn, none dropped or fallen back.
        const withdrawal = await post(
          t,
          'mutation { withdrawObservations(figures: [{ measure: "partner.early-help-assessments-parental-conflict", area: "E06000044", period: "2024-Q1" }]) { withdrawn dropped fellBack } }',
          { 'x-api-key': key },
        );
        expect([withdrawal.status, withdrawal.body.errors, withdrawal.body.data]).toEqual([
          200,
          undefined,
          { withdrawObservations: { withdrawn: 1, dropped: 0, fellBack: 0 } },
        ]);
        expect(withdrawal.headers.get('cache-control')).toBe('no-store');
        // The same key's reads are still cached privately when caching is on.
        const read = await post(t, '{ themes { code } }', { 'x-api-key': key });
        expect(read.headers.get('cache-control')).toBe(cacheMaxAge ? `max-age=${cacheMaxAge}, private` : 'no-store');
      } finally {
        await t.stop();
      }
    }
  });
});
