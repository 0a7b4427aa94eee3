import { createKey } from '../../src/auth/api-keys';
import { loadSettings, SettingsError } from '../../src/config/settings';
import { startTestHub, type TestHub } from '../helpers/test-hub';

// Issue 14, browsers: a dashboard on another site may call the hub when its origin is listed in
// CORS_ORIGINS, and no other origin gets any CORS header. A preflight (OPTIONS with an Origin
// and Access-Control-Request-Method) is answered 204 for a listed origin, 403 otherwise; no
// origin is ever allowed credentials; Apollo's CSRF prevention still refuses a request a page
// could make without a preflight. Sent as a browser would, headers and all.

const LISTED = 'https://dashboards.example.org';
const OTHER = 'https://evil.example';

let t: TestHub;
let key: string;
beforeAll(async () => {
  t = await startTestHub({ corsOrigins: [LISTED, 'http://localhost:3000'] });
  key = (await createKey(t.hub.dataSource, 'portsmouth-city-council', 'test', 'hub')).key;
});
afterAll(async () => {
  await t.stop();
});

const preflight = (path: string, origin: string, method = 'POST', headers = 'content-type, authorization') =>
  fetch(`${t.url}${path}`, {
    method: 'OPTIONS',
    headers: { origin, 'access-control-request-method': method, 'access-control-request-headers': headers },
  });

const corsHeaders = (res: Response): Record<string, string> =>
  Object.fromEntries([...res.headers].filter(([name]) => name.startsWith('access-control-')));

const PATHS: Array<[string, string]> = [
  ['/graphql', 'GET, POST'],
  ['/submissions', 'POST'],
  ['/export/series.csv', 'GET, HEAD'],
];

test.each(PATHS)('a preflight to %s from a listed origin: 204 with what it may send', async (path, methods) => {
  const res = await preflight(path, LISTED);
  expect(res.status).toBe(204);
  expect(corsHeaders(res)).toEqual({
    'access-control-allow-origin': LISTED,
    'access-control-allow-methods': methods,
    'access-control-allow-headers':
      'Authorization, X-API-Key, Content-Type, Apollo-Require-Preflight, X-Apollo-Operation-Name, If-None-Match',
    'access-control-max-age': '600',
  });
  expect(res.headers.get('vary')).toMatch(/Origin/);
  expect(await res.text()).toBe('');
});

test.each(PATHS)('a preflight to %s from an origin not listed: 403 FORBIDDEN, no CORS header', async (path) => {
  for (const origin of [OTHER, 'null', `${LISTED}.evil.example`, 'http://dashboards.example.org']) {
    const res = await preflight(path, origin);
    expect(res.status).toBe(403);
    expect(corsHeaders(res)).toEqual({});
    expect(await res.json()).toEqual({
      errors: [
        {
          message:
            'Requests from this origin are not allowed: the hub answers browsers of the origins in its CORS_ORIGINS setting only.',
          extensions: { code: 'FORBIDDEN' },
        },
      ],
    });
  }
});

test('OPTIONS that is not a preflight says what the path takes', async () => {
  const res = await fetch(`${t.url}/graphql`, { method: 'OPTIONS' });
  expect(res.status).toBe(204);
  expect(res.headers.get('allow')).toBe('GET, POST, OPTIONS');
  expect(corsHeaders(res)).toEqual({});
});

test('the requests after the preflight: a listed origin may read the answer (errors too), never with credentials; another origin gets no CORS header', async () => {
  const ask = (origin: string, headers: Record<string, string> = {}) =>
    fetch(`${t.url}/graphql`, {
      method: 'POST',
      headers: { origin, 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query: '{ viewer { organisation { id } } }' }),
    });
  const listed = await ask(LISTED, { authorization: `Bearer ${key}` });
  expect(listed.status).toBe(200);
  expect(corsHeaders(listed)).toEqual({
    'access-control-allow-origin': LISTED,
    'access-control-expose-headers': 'ETag, Retry-After, Content-Disposition, Vary',
  });
  expect(listed.headers.get('vary')).toMatch(/Origin/);
  expect(await listed.json()).toMatchObject({ data: { viewer: { organisation: { id: 'portsmouth-city-council' } } } });

  const badKey = await ask(LISTED, { authorization: 'Bearer csh_nope' });
  expect(badKey.status).toBe(401);
  expect(badKey.headers.get('access-control-allow-origin')).toBe(LISTED);

  const other = await ask(OTHER, { authorization: `Bearer ${key}` });
  expect(corsHeaders(other)).toEqual({});
  expect(other.headers.get('vary')).toMatch(/Origin/);

  // An export and a submission from the listed origin, readable; never credentials anywhere.
  const csv = await fetch(`${t.url}/export/series.csv?measure=quoted.population&area=E07000088`, {
    headers: { origin: LISTED },
  });
  expect(csv.headers.get('access-control-allow-origin')).toBe(LISTED);
  const submission = await fetch(`${t.url}/submissions`, {
    method: 'POST',
    headers: { origin: LISTED, 'content-type': 'text/csv', 'x-api-key': key },
    body: 'measure,area,period,value\npartner.early-help-assessments-parental-conflict,E06000044,2024-Q1,5\n',
  });
  expect(submission.status).toBe(201);
  expect(submission.headers.get('access-control-allow-origin')).toBe(LISTED);
  for (const res of [listed, badKey, other, csv, submission, await preflight('/graphql', LISTED)])
    expect(res.headers.get('access-control-allow-credentials')).toBeNull();
});

test("Apollo's CSRF prevention still refuses what a page can send without a preflight, from any origin", async () => {
  for (const origin of [LISTED, OTHER]) {
    // A GET without a preflight header, and a form-like POST: both refused before execution.
    const get = await fetch(`${t.url}/graphql?query=${encodeURIComponent('{ themes { code } }')}`, {
      headers: { origin },
    });
    expect(get.status).toBe(400);
    expect(await get.text()).toMatch(/Cross-Site Request Forgery/);
    const form = await fetch(`${t.url}/graphql`, {
      method: 'POST',
      headers: { origin, 'content-type': 'text/plain' },
      body: JSON.stringify({ query: 'mutation { __typename }' }),
    });
    expect(form.status).toBe(400);
  }
});

test('by default (no CORS_ORIGINS) no origin is listed: every preflight is refused', async () => {
  const plain = await startTestHub();
  try {
    const res = await fetch(`${plain.url}/graphql`, {
      method: 'OPTIONS',
      headers: { origin: LISTED, 'access-control-request-method': 'POST' },
    });
    expect(res.status).toBe(403);
    expect(corsHeaders(res)).toEqual({});
  } finally {
    await plain.stop();
  }
});

test('CORS_ORIGINS takes origins only, written as browsers send them', () => {
  expect(loadSettings({ CORS_ORIGINS: ' https://Dash.Example:443 , http://localhost:3000/ ' }).corsOrigins).toEqual([
    'https://dash.example',
    'http://localhost:3000',
  ]);
  expect(loadSettings({}).corsOrigins).toEqual([]);
  for (const bad of [
    'https://a.example/path',
    'dashboards.example.org',
    'ftp://a.example',
    '*',
    'https://u:p@a.example',
  ]) {
    expect(() => loadSettings({ CORS_ORIGINS: bad })).toThrow(SettingsError);
    expect(() => loadSettings({ CORS_ORIGINS: bad })).toThrow(
      'CORS_ORIGINS item 1 must be an origin such as https://dashboards.example.org (no path)',
    );
  }
});
