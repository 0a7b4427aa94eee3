import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControl } from '@apollo/server/plugin/cacheControl';
import { cacheRulesPlugin } from '../../src/graphql/cache.plugin';

// The Cache-Control header of every kind of operation, with the hub's plugins (Apollo's
// cache-control plugin with defaultMaxAge, then the hub's rules) on a schema without hints:
// a read that executed a field other than __typename, __schema or __type gets the max-age,
// public without a key and private with one; meta fields only, errors and mutations no-store.

interface Ctx {
  principal: { organisationId: string } | null;
}

const typeDefs = `
  type Query { n: Int, thing: Thing, things: [Thing!]!, fails: Int, mustFail: Int! }
  type Thing { id: ID!, name: String, child: Thing }
  type Mutation { bump: Thing }
`;

const resolvers = {
  Query: {
    n: () => 1,
    thing: () => ({ id: '1', name: 'a' }),
    things: () => [{ id: '1' }, { id: '2' }],
    fails: () => {
      throw new Error('no');
    },
    mustFail: () => {
      throw new Error('no');
    },
  },
  Thing: { child: () => null },
  Mutation: { bump: () => ({ id: '3' }) },
};

/** Each case, and whether it is cacheable (true: gets the max-age; false: no-store), written by hand. */
const cases: Array<{
  query: string;
  variables?: Record<string, unknown>;
  operationName?: string;
  cacheable: boolean;
}> = [
  { query: '{ __typename }', cacheable: false },
  { query: '{ x: __typename }', cacheable: false },
  { query: '{ __schema { queryType { name } } }', cacheable: false },
  { query: '{ __type(name: "Thing") { name } }', cacheable: false },
  { query: '{ n }', cacheable: true },
  { query: '{ a: n }', cacheable: true },
  { query: '{ thing { id child { id } } }', cacheable: true },
  { query: '{ things { name } }', cacheable: true },
  { query: '{ __typename thing { name } }', cacheable: true },
  { query: '{ n @skip(if: true) }', cacheable: false },
  { query: '{ n @skip(if: true) __typename }', cacheable: false },
  { query: 'query ($s: Boolean = true) { n @include(if: $s) __typename }', cacheable: true },
  { query: 'query ($s: Boolean = true) { n @include(if: $s) __typename }', variables: { s: false }, cacheable: false },
  { query: '{ ...F } fragment F on Query { thing { id } }', cacheable: true },
  { query: '{ ... on Query { t: thing { id } } }', cacheable: true },
  { query: '{ ... on Query { __typename } }', cacheable: false },
  { query: '{ fails }', cacheable: false },
  { query: '{ mustFail }', cacheable: false },
  { query: '{ n fails }', cacheable: false },
  { query: 'mutation { bump { id } }', cacheable: false },
  { query: 'mutation M { __typename ...F } fragment F on Mutation { bump { id } }', cacheable: false },
  { query: '{ nope }', cacheable: false },
  { query: '{', cacheable: false },
  { query: 'query A { n } query B { __typename }', operationName: 'A', cacheable: true },
  { query: 'query A { n } query B { __typename }', operationName: 'B', cacheable: false },
  { query: 'query ($id: Int!) { n }', variables: { id: 'x' }, cacheable: false },
];

async function headers(defaultMaxAge: number, keyed: boolean): Promise<Array<string | undefined>> {
  const server = new ApolloServer<Ctx>({
    typeDefs,
    resolvers,
    plugins: [ApolloServerPluginCacheControl({ defaultMaxAge }), cacheRulesPlugin<Ctx>()],
  });
  await server.start();
  try {
    const out: Array<string | undefined> = [];
    for (const { cacheable: _omit, ...request } of cases) {
      const res = await server.executeOperation(request, {
        contextValue: { principal: keyed ? { organisationId: 'org' } : null },
      });
      out.push(res.http.headers.get('cache-control'));
    }
    return out;
  } finally {
    await server.stop();
  }
}

test.each([
  [60, false, 'max-age=60, public'],
  [60, true, 'max-age=60, private'],
  [0, false, 'no-store'],
  [0, true, 'no-store'],
])(
  'CACHE_MAX_AGE %d, keyed %s: %s for a read that executed a field, no-store for the rest',
  async (maxAge, keyed, header) => {
    expect(await headers(maxAge, keyed)).toEqual(cases.map((c) => (c.cacheable ? header : 'no-store')));
  },
);
