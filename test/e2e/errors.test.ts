import { startTestHub, type GqlResponse, type TestHub } from '../helpers/test-hub';

// Bad queries get a clear error with a code, never a stack trace, and the server stays up.

let t: TestHub;
beforeAll(async () => {
  t = await startTestHub();
});
afterAll(async () => {
  await t.stop();
});

function onlyError(res: GqlResponse): { message: string; extensions?: Record<string, unknown> } {
  expect(res.body.errors).toHaveLength(1);
  return res.body.errors![0]!;
}

function expectNoStack(text: string): void {
  expect(text).not.toMatch(/stacktrace|\n\s+at |\.ts:\d+|node_modules/);
}

test('a query deeper than the limit is refused with QUERY_TOO_DEEP', async () => {
  // partnerships > (plans > partnership) x 6 > slug: 14 levels.
  const deep = `{ partnerships { ${'plans { partnership { '.repeat(6)}slug ${'} } '.repeat(6)}} }`;
  const res = await t.gql(deep);
  expect(res.status).toBe(400);
  const err = onlyError(res);
  expect(err.extensions).toMatchObject({ code: 'QUERY_TOO_DEEP', limit: 12, actual: 14 });
  expect(res.body.data).toBeUndefined();
});

test('a query costlier than the limit is refused with QUERY_TOO_COMPLEX', async () => {
  const costly =
    '{ areas(first: 100) { edges { node { children { children { children { children { code name } } } } } } } }';
  const res = await t.gql(costly);
  expect(res.status).toBe(400);
  const err = onlyError(res);
  expect(err.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 20000 });
  expect(err.extensions!.actual as number).toBeGreaterThan(20000);
});

test('a page size over the maximum is BAD_USER_INPUT naming the maximum', async () => {
  const res = await t.gql('{ areas(first: 101) { totalCount } }');
  const err = onlyError(res);
  expect(err.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'first', maxPageSize: 100 });
  expect(err.message).toBe('"first" must be between 0 and 100.');
  const negative = onlyError(await t.gql('{ organisations(first: -1) { totalCount } }'));
  expect(negative.extensions!.code).toBe('BAD_USER_INPUT');
  const atMax = await t.gql<{ areas: { totalCount: number; edges: unknown[] } }>(
    '{ areas(type: COUNTY, first: 100) { totalCount edges { node { code } } } }',
  );
  expect(atMax.body.errors).toBeUndefined();
  // England's 26 two-tier counties of 2019: one page of at most 100 holds them all.
  expect(atMax.body.data!.areas.totalCount).toBe(26);
  expect(atMax.body.data!.areas.edges).toHaveLength(26);
});

test('an unknown slug is NOT_FOUND and names what was missing, by its argument, not its value', async () => {
  const res = await t.gql('{ partnership(slug: "atlantis") { name } }');
  const err = onlyError(res);
  expect(err.extensions).toEqual({ code: 'NOT_FOUND', what: 'partnership', argument: 'slug' });
  expect(err.message).toBe('No partnership matches the "slug" argument.');
  expect(res.body.data).toEqual({ partnership: null });
  expect(onlyError(await t.gql('{ theme(code: "NOPE") { name } }')).extensions!.code).toBe('NOT_FOUND');
  expect(onlyError(await t.gql('{ area(code: "E07999999") { name } }')).extensions!.code).toBe('NOT_FOUND');
});

test('malformed arguments are BAD_USER_INPUT or GRAPHQL_VALIDATION_FAILED, without echoing the input', async () => {
  const code = onlyError(await t.gql('{ area(code: "Gosport!") { name } }'));
  expect(code.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'code' });

  const secret = 'SECRET-VALUE-123';
  const variable = await t.gql('query Q($first: Int) { areas(first: $first) { totalCount } }', { first: secret });
  const verr = onlyError(variable);
  expect(verr.extensions!.code).toBe('BAD_USER_INPUT');
  expect(JSON.stringify(variable.body)).not.toContain(secret);
  expect(verr.message).toContain('$first');

  const literal = await t.gql('{ areas(type: PLANET_SECRET) { totalCount } }');
  expect(onlyError(literal).extensions!.code).toBe('GRAPHQL_VALIDATION_FAILED');
  expect(JSON.stringify(literal.body)).not.toContain('PLANET_SECRET');
  expect(JSON.stringify(literal.body)).not.toMatch(/Did you mean/);

  const period = onlyError(await t.gql('{ area(code: "E07000088") { observations(from: "2022-13") { totalCount } } }'));
  expect(period.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'from' });

  const cursor = onlyError(await t.gql('{ organisations(after: "bogus") { totalCount } }'));
  expect(cursor.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'after' });
});

test('unparseable documents and bodies get a code and no stack', async () => {
  const parse = await t.gql('{ partnerships { slug ');
  expect(onlyError(parse).extensions!.code).toBe('GRAPHQL_PARSE_FAILED');
  const body = await t.post('{"query": ');
  expect(body.status).toBe(400);
  expect(JSON.parse(body.text)).toEqual({
    errors: [{ message: 'The request body is not valid JSON.', extensions: { code: 'BAD_REQUEST' } }],
  });
  expectNoStack(body.text);
});

test('paging walks a connection with cursors', async () => {
  const first = await t.gql<{
    areas: {
      totalCount: number;
      edges: Array<{ node: { code: string } }>;
      pageInfo: { hasNextPage: boolean; endCursor: string };
    };
  }>(
    '{ areas(type: DISTRICT, parent: "E23000030", first: 10) { totalCount edges { node { code } } pageInfo { hasNextPage endCursor } } }',
  );
  // The 14 districts of the Hampshire police force area (the 2017 lookup's rows for E23000030).
  const page1 = first.body.data!.areas;
  expect(page1.totalCount).toBe(14);
  expect(page1.edges).toHaveLength(10);
  expect(page1.pageInfo.hasNextPage).toBe(true);
  const second = await t.gql<{
    areas: { edges: Array<{ node: { code: string } }>; pageInfo: { hasNextPage: boolean } };
  }>(
    'query($after: String) { areas(type: DISTRICT, parent: "E23000030", first: 10, after: $after) { edges { node { code } } pageInfo { hasNextPage } } }',
    { after: page1.pageInfo.endCursor },
  );
  const page2 = second.body.data!.areas;
  expect(page2.edges).toHaveLength(4);
  expect(page2.pageInfo.hasNextPage).toBe(false);
  const codes = [...page1.edges, ...page2.edges].map((e) => e.node.code);
  expect(new Set(codes).size).toBe(14);
  expect(codes).toEqual([...codes].sort());
});

test('an unexpected failure is masked as INTERNAL_SERVER_ERROR, and the server stays up', async () => {
  await t.hub.dataSource.query('DROP TABLE key_person');
  const res = await t.gql('{ partnerships { plans { priorities { keyPersonnel { name } } } } }');
  const errors = res.body.errors ?? [];
  expect(errors.length).toBeGreaterThan(0);
  for (const e of errors) {
    expect(e.message).toBe('Internal server error.');
    expect(e.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR' });
  }
  const text = JSON.stringify(res.body);
  expect(text).not.toMatch(/key_person|SQLITE|relation|SELECT/i);
  expectNoStack(text);

  const health = await fetch(`${t.url}/healthz`);
  expect(health.status).toBe(200);
  const still = await t.gql<{ partnerships: unknown[] }>('{ partnerships { slug } }');
  expect(still.body.data!.partnerships).toHaveLength(4);
});
