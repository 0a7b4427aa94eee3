import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControl } from '@apollo/server/plugin/cacheControl';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { buildSchema } from 'graphql';
import { cachePolicyPlugin, hasCacheHints } from '../../src/graphql/cache-policy.plugin';

// The hub's cache-policy plugin stands in for Apollo's cache-control plugin on a schema without
// hints: the Cache-Control header must come out the same for every kind of operation.

interface Ctx {
  keyed: boolean;
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

/** Like the key rule of the hub's cacheRulesPlugin: a keyed request's policy becomes private. */
const keyedIsPrivate: ApolloServerPlugin<Ctx> = {
  async requestDidStart({ contextValue }) {
    return {
      async executionDidStart({ overallCachePolicy }) {
        return {
          async executionDidEnd() {
            if (contextValue.keyed) overallCachePolicy.restrict({ scope: 'PRIVATE' });
          },
        };
      },
    };
  },
};

const cases: Array<{ query: string; variables?: Record<string, unknown>; operationName?: string }> = [
  { query: '{ __typename }' },
  { query: '{ x: __typename }' },
  { query: '{ __schema { queryType { name } } }' },
  { query: '{ __type(name: "Thing") { name } }' },
  { query: '{ n }' },
  { query: '{ a: n }' },
  { query: '{ thing { id child { id } } }' },
  { query: '{ things { name } }' },
  { query: '{ __typename thing { name } }' },
  { query: '{ n @skip(if: true) }' },
  { query: '{ n @skip(if: true) __typename }' },
  { query: 'query ($s: Boolean = true) { n @include(if: $s) __typename }' },
  { query: 'query ($s: Boolean = true) { n @include(if: $s) __typename }', variables: { s: false } },
  { query: '{ ...F } fragment F on Query { thing { id } }' },
  { query: '{ ... on Query { t: thing { id } } }' },
  { query: '{ ... on Query { __typename } }' },
  { query: '{ fails }' },
  { query: '{ mustFail }' },
  { query: '{ n fails }' },
  { query: 'mutation { bump { id } }' },
  { query: '{ nope }' },
  { query: '{' },
  { query: 'query A { n } query B { __typename }', operationName: 'A' },
  { query: 'query A { n } query B { __typename }', operationName: 'B' },
  { query: 'query ($id: Int!) { n }', variables: { id: 'x' } },
];

async function headers(plugins: Array<ApolloServerPlugin<Ctx>>): Promise<string[]> {
  const server = new ApolloServer<Ctx>({ typeDefs, resolvers, plugins: [...plugins, keyedIsPrivate] });
  await server.start();
  try {
    const out: string[] = [];
    for (const keyed of [false, true]) {
      for (const c of cases) {
        const res = await server.executeOperation(c, { contextValue: { keyed } });
        out.push(
          `${keyed ? 'keyed ' : ''}${c.query} ${JSON.stringify(c.variables ?? {})} ${c.operationName ?? ''} => ${res.http.headers.get('cache-control') ?? '(none)'}`,
        );
      }
    }
    return out;
  } finally {
    await server.stop();
  }
}

test.each([0, 60])("same Cache-Control as Apollo's cache-control plugin, defaultMaxAge %d", async (defaultMaxAge) => {
  const apollo = await headers([ApolloServerPluginCacheControl({ defaultMaxAge })]);
  const ours = await headers([ApolloServerPluginCacheControlDisabled(), cachePolicyPlugin<Ctx>(defaultMaxAge)]);
  expect(ours).toEqual(apollo);
  if (defaultMaxAge > 0)
    expect(apollo.filter((h) => h.endsWith(`max-age=${defaultMaxAge}, public`)).length).toBeGreaterThan(5);
});

test('a schema with a @cacheControl hint is seen as hinted', () => {
  const plain = buildSchema(typeDefs);
  const hinted = buildSchema(
    `directive @cacheControl(maxAge: Int) on FIELD_DEFINITION | OBJECT\n${typeDefs.replace('name: String', 'name: String @cacheControl(maxAge: 5)')}`,
  );
  expect(hasCacheHints(plain)).toBe(false);
  expect(hasCacheHints(hinted)).toBe(true);
});
