import { createKey } from '../../src/auth/api-keys';
import { ApiKey } from '../../src/entities';
import { startTestHub, type TestHub } from '../helpers/test-hub';

// Issue 14 against one hub over HTTP: no way past the depth and cost limits, work priced by its
// input, no 500 from hostile variables, persisted queries answered as Apollo answers them, and
// made-up keys held to the address's rate limit before anything is looked up. The expected
// costs are worked out by hand below from the README's rule (each field 1, a connection its
// fields times `first`, a plain list its fields times 5, each item of a list argument 1).

type Reply = {
  status: number;
  headers: Headers;
  text: string;
  body: {
    data?: Record<string, unknown> | null;
    errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
  };
};

async function send(url: string, payload: unknown, headers: Record<string, string> = {}): Promise<Reply> {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof payload === 'string' ? payload : JSON.stringify(payload),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, body: JSON.parse(text) as Reply['body'] };
}

function refusal(res: Reply): { message: string; extensions?: Record<string, unknown> } {
  expect(res.status).toBe(400);
  expect(res.body.data).toBeUndefined();
  expect(res.body.errors).toHaveLength(1);
  return res.body.errors![0]!;
}

// measures(first: 100) { edges { node { code observations(first: 100) { edges { node { value } } } } } }
//   value 1; observation node 1 + 1 = 2; observation edges 1 + 5 x 2 = 11;
//   observations(first: 100) 1 + 100 x 11 = 1,101; measure node 1 + (code 1 + 1,101) = 1,103;
//   measure edges 1 + 5 x 1,103 = 5,516; measures(first: 100) 1 + 100 x 5,516 = 551,601.
const HEAVY =
  'a: measures(first: 100) { edges { node { code observations(first: 100) { edges { node { value } } } } } }';
const HEAVY_COST = 551_601;

/** n values that are not all alike, and their mean worked out here. */
function series(n: number): { values: number[]; mean: number } {
  const values = Array.from({ length: n }, (_, i) => 50 + ((i * 37) % 23) - 11);
  return { values, mean: values.reduce((a, b) => a + b, 0) / n };
}

/** Polls /healthz every 25 ms while `work` runs; the slowest answer, in ms. */
async function slowestHealthz(url: string, work: Promise<unknown>): Promise<{ slowest: number; polls: number }> {
  let done = false;
  const finished = work.finally(() => {
    done = true;
  });
  let slowest = 0;
  let polls = 0;
  while (!done) {
    const t0 = performance.now();
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    slowest = Math.max(slowest, performance.now() - t0);
    polls += 1;
    await new Promise((r) => setTimeout(r, 25));
  }
  await finished;
  return { slowest, polls };
}

describe('limits hold whatever the request', () => {
  let t: TestHub;
  beforeAll(async () => {
    t = await startTestHub({ rateLimitPerMinute: 0 });
  });
  afterAll(async () => {
    await t.stop();
  });

  test('a null for a variable with a default is refused before anything runs, never let past the cost check', async () => {
    const query = `query($s: String = "gosport") { p: partnership(slug: $s) { name } ${HEAVY} }`;
    const err = refusal(await send(t.url, { query, variables: { s: null } }));
    expect(err.extensions).toEqual({ code: 'BAD_USER_INPUT' });
    expect(err.message).toBe('Argument "slug" of non-null type "String!" must not be null.');
    // The same query with a value is priced: 551,601 + partnership { name } (1 + 1).
    const priced = refusal(await send(t.url, { query, variables: { s: 'gosport' } }));
    expect(priced.extensions).toEqual({ code: 'QUERY_TOO_COMPLEX', limit: 20_000, actual: HEAVY_COST + 2 });
  });

  test('10,001 __typename aliases before the heavy field are priced with it', async () => {
    const typenames = Array.from({ length: 10_001 }, (_, i) => `t${i}: __typename`).join(' ');
    const err = refusal(await send(t.url, { query: `{ ${typenames} ${HEAVY} }` }));
    expect(err.extensions).toEqual({ code: 'QUERY_TOO_COMPLEX', limit: 20_000, actual: 10_001 + HEAVY_COST });
  });

  test('more selections than the cost limit, fragments doubling at each level, is refused unpriced', async () => {
    // F0 is one selection; Fk spreads F(k-1) twice: 2 x (1 + size(F(k-1))), so size(Fk) = 3 x 2^k - 2,
    // and { ...F20 } is 1 + 3 x 2^20 - 2 = 3,145,727 selections. Pricing it would walk them all.
    const fragments = ['fragment F0 on Query { __typename }'];
    for (let k = 1; k <= 20; k += 1) fragments.push(`fragment F${k} on Query { ...F${k - 1} ...F${k - 1} }`);
    const started = Date.now();
    const err = refusal(await send(t.url, { query: `{ ...F20 } ${fragments.join(' ')}` }));
    expect(err.extensions).toEqual({ code: 'QUERY_TOO_COMPLEX', limit: 20_000, selections: 3 * 2 ** 20 - 1 });
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  test('variables nested 100,000 arrays deep get 400 and a code, used or not; 32 levels are accepted', async () => {
    const deep = (n: number): string => `${'['.repeat(n)}${']'.repeat(n)}`;
    for (const query of ['query($v: [Float!]!) { spcChart(values: $v) { mean } }', '{ __typename }']) {
      const res = await send(t.url, `{"query":${JSON.stringify(query)},"variables":{"v":${deep(100_000)}}}`);
      const err = refusal(res);
      expect(err.extensions).toEqual({ code: 'BAD_USER_INPUT', limit: 32 });
      expect(err.message).toBe('The variables nest lists or objects more than 32 levels deep.');
    }
    const unused = (n: number) => send(t.url, `{"query":"{ __typename }","variables":{"v":${deep(n)}}}`);
    expect((await unused(32)).body.data).toEqual({ __typename: 'Query' });
    expect(refusal(await unused(33)).extensions!.code).toBe('BAD_USER_INPUT');
    expect((await fetch(`${t.url}/healthz`)).status).toBe(200);
  });

  test('a query by hash alone is PERSISTED_QUERY_NOT_SUPPORTED, as Apollo answers it, by POST and by GET', async () => {
    const persistedQuery = {
      version: 1,
      sha256Hash: 'ecf4edb46db40b5132295c0291d62fb65d6759a9eedfa4d5d612dd5ec54a6b38',
    };
    const expected = [{ message: 'PersistedQueryNotSupported', extensions: { code: 'PERSISTED_QUERY_NOT_SUPPORTED' } }];
    const post = await send(t.url, { extensions: { persistedQuery } });
    expect([post.status, post.body.data, post.body.errors]).toEqual([200, undefined, expected]);
    expect(post.headers.get('cache-control')).toBe('private, no-cache, must-revalidate');
    const get = await fetch(`${t.url}/graphql?extensions=${encodeURIComponent(JSON.stringify({ persistedQuery }))}`, {
      headers: { 'apollo-require-preflight': 'true' },
    });
    expect([get.status, ((await get.json()) as Reply['body']).errors]).toEqual([200, expected]);
    // With the text as well (how a client registers a query): the same, so it sends the text alone.
    const both = await send(t.url, { query: '{ __typename }', extensions: { persistedQuery } });
    expect(both.body.errors).toEqual(expected);
  });
});

describe('spcChart priced by its values', () => {
  test('300 aliases on 10,000 values each are refused by their values, quickly, and /healthz keeps answering', async () => {
    const t = await startTestHub({ rateLimitPerMinute: 0 });
    try {
      const { values, mean } = series(10_000);
      const aliases = (n: number, fields: string) =>
        Array.from({ length: n }, (_, i) => `c${i}: spcChart(values: $v) { ${fields} }`).join(' ');
      const hostile = { query: `query($v: [Float!]!) { ${aliases(300, 'mean')} }`, variables: { v: values } };
      // Each alias: 1 + 10,000 values + mean 1 = 10,002.
      const started = performance.now();
      const err = refusal(await send(t.url, hostile));
      expect(err.extensions).toEqual({ code: 'QUERY_TOO_COMPLEX', limit: 20_000, actual: 300 * 10_002 });
      expect(performance.now() - started).toBeLessThan(2_000);

      // One chart of 10,000 values is within the limit (1 + 10,000 + mean, ucl, lcl 3, pointVariation 1 + 5 x 0);
      // two are not.
      const one = await send(t.url, {
        query: `query($v: [Float!]!) { ${aliases(1, 'mean ucl lcl pointVariation')} }`,
        variables: { v: values },
      });
      expect(one.status).toBe(200);
      const chart = one.body.data!.c0 as { mean: number; pointVariation: string[] };
      expect(chart.mean).toBeCloseTo(mean, 9);
      expect(chart.pointVariation).toHaveLength(10_000);
      const two = refusal(
        await send(t.url, { query: `query($v: [Float!]!) { ${aliases(2, 'mean')} }`, variables: { v: values } }),
      );
      expect(two.extensions).toEqual({ code: 'QUERY_TOO_COMPLEX', limit: 20_000, actual: 2 * 10_002 });

      // The most a request may bring, sent back to back for a while: /healthz is answered meanwhile.
      const { values: thousand } = series(1_000);
      const most = {
        query: `query($v: [Float!]!) { ${aliases(19, 'mean ucl lcl signals { rule indices }')} }`,
        variables: { v: thousand },
      };
      const load = (async () => {
        for (let i = 0; i < 15; i += 1) expect((await send(t.url, most)).status).toBe(200);
      })();
      const { slowest, polls } = await slowestHealthz(t.url, load);
      expect(polls).toBeGreaterThan(5);
      expect(slowest).toBeLessThan(500);
    } finally {
      await t.stop();
    }
  });

  test('where the cost limit lets 60 charts of 10,000 values through, each is charted in its own turn: /healthz is not held', async () => {
    // Before, the charts of a request ran back to back in one turn of the event loop: 300 of them
    // held /healthz for 3-5 s. 60 keep this test short; their request still takes seconds here.
    const t = await startTestHub({ rateLimitPerMinute: 0, maxQueryComplexity: 1_000_000 });
    try {
      const { values, mean } = series(10_000);
      const query = `query($v: [Float!]!) { ${Array.from({ length: 60 }, (_, i) => `c${i}: spcChart(values: $v) { mean }`).join(' ')} }`;
      const started = performance.now();
      const request = send(t.url, { query, variables: { v: values } });
      const { slowest, polls } = await slowestHealthz(t.url, request);
      const res = await request;
      const took = performance.now() - started;
      expect(res.status).toBe(200);
      expect(Object.keys(res.body.data!)).toHaveLength(60);
      expect((res.body.data!.c59 as { mean: number }).mean).toBeCloseTo(mean, 9);
      expect(polls).toBeGreaterThan(5); // asked during the request, not only after it
      // Charted in one turn, /healthz would wait about as long as the whole request. In turns, it
      // waits for one chart at most. A share of the request, not a fixed time, so that a busy
      // machine slows both alike (a fixed 500 ms failed once while benchmarks shared the machine).
      expect(slowest).toBeLessThan(took / 3);
    } finally {
      await t.stop();
    }
  });
});

describe('made-up keys meet the rate limit before the store', () => {
  test('guesses are counted against the address and refused without a lookup once it is spent', async () => {
    const t = await startTestHub({ rateLimitPerMinute: 3 });
    try {
      const { key } = await createKey(t.hub.dataSource, 'portsmouth-city-council', 'hardening', 'hub');
      const guess = (i: number) => `${key.slice(0, 4)}Guess00${i}_${'x'.repeat(32)}@hub`;
      const lookups = jest.spyOn(t.hub.dataSource.manager, 'findOne');
      const keyLookups = () => lookups.mock.calls.filter(([entity]) => entity === ApiKey).length;
      const ask = (headers: Record<string, string> = {}) => send(t.url, { query: '{ __typename }' }, headers);

      // The key, seen valid once, pays from its own allowance, not the address's.
      expect((await ask({ 'x-api-key': key })).status).toBe(200);
      // Two guesses and an anonymous request spend the address's 3.
      expect((await ask({ 'x-api-key': guess(1) })).status).toBe(401);
      expect((await ask({ authorization: `Bearer ${guess(2)}` })).status).toBe(401);
      expect((await ask()).status).toBe(200);
      expect(keyLookups()).toBe(3);
      // Now the address is refused: more guesses get 429 with Retry-After and are never looked up.
      for (let i = 3; i < 8; i += 1) {
        const res = await ask({ 'x-api-key': guess(i) });
        expect(res.status).toBe(429);
        expect(res.body.errors![0]!.extensions!.code).toBe('RATE_LIMITED');
        expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      }
      expect((await ask()).status).toBe(429);
      expect(keyLookups()).toBe(3);
      // The key seen valid before still reaches the store (it may have been revoked since) and is served.
      expect((await ask({ 'x-api-key': key })).status).toBe(200);
      expect(keyLookups()).toBe(4);
      // A key never seen valid is not told from a guess until the address has a token again.
      const { key: fresh } = await createKey(t.hub.dataSource, 'hampshire-constabulary', 'hardening', 'hub');
      expect((await ask({ 'x-api-key': fresh })).status).toBe(429);
      expect(keyLookups()).toBe(4);
      lookups.mockRestore();
    } finally {
      await t.stop();
    }
  });

  test("a valid key found on lookup costs its address nothing; malformed keys and other hubs' keys count as failures", async () => {
    const t = await startTestHub({ rateLimitPerMinute: 3 });
    try {
      const ask = (headers: Record<string, string> = {}) => send(t.url, { query: '{ __typename }' }, headers);
      const keys = await Promise.all(
        [1, 2, 3, 4].map(
          async (i) => (await createKey(t.hub.dataSource, 'portsmouth-city-council', `k${i}`, 'hub')).key,
        ),
      );
      // Four valid keys, each looked up for the first time: the address's token is given back each time.
      for (const key of keys) expect((await ask({ 'x-api-key': key })).status).toBe(200);
      expect((await ask()).status).toBe(200);
      expect((await ask({ 'x-api-key': 'not-a-key' })).status).toBe(401);
      expect((await ask({ 'x-api-key': keys[0]!.replace(/@hub$/, '@elsewhere') })).status).toBe(401);
      expect((await ask()).status).toBe(429);
    } finally {
      await t.stop();
    }
  });
});
