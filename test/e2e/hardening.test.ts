import { startTestHub, type TestHub } from '../helpers/test-hub';

// Issue 14 against one hub over HTTP: no way past the depth and cost limits, and no 500 from
// hostile variables. The expected costs are worked out by hand below from the README's rule
// (each field 1, a connection its fields times `first`, a plain list its fields times 5).

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
});
