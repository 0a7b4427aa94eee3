import { readFileSync } from 'node:fs';
import { buildClientSchema, getIntrospectionQuery, type IntrospectionQuery } from 'graphql';
import { join } from 'node:path';
import { printHubSchema, SCHEMA_FILE } from '../../src/graphql/print-schema';
import { subgraphTypeDefs } from '../../src/federation/subgraph';
import { startTestHub, type TestHub } from '../helpers/test-hub';

// The checked-in SDL is the contract: it must match what the code serves. And the migrations
// must build exactly the schema the entities describe, on whichever store this leg runs.

let t: TestHub;
beforeAll(async () => {
  t = await startTestHub();
});
afterAll(async () => {
  await t.stop();
});

test('schema/schema.graphql matches the served schema (run `npm run schema:print` after a change)', () => {
  const checkedIn = readFileSync(join(__dirname, '..', '..', SCHEMA_FILE), 'utf8');
  expect(printHubSchema(t.hub.schema)).toBe(checkedIn);
});

test('the migrations leave nothing for the entities to add or change', async () => {
  const pending = await t.hub.dataSource.driver.createSchemaBuilder().log();
  expect(pending.upQueries.map((q) => q.query)).toEqual([]);
  const migrations = await t.hub.dataSource.query('SELECT name FROM hub_migrations ORDER BY id');
  expect((migrations as Array<{ name: string }>).map((m) => m.name)).toEqual(['Initial1795281263345', 'JobLock1795282055640', 'Alerts1795284495789', 'ApiKeys1795286451617', 'MeasureOwner1795286703522', 'MeasureAccess1795289071796', 'MeasureSummary1795290949768', 'ReferenceVersion1795297838018']);
});

test('introspection over HTTP describes exactly the checked-in schema', async () => {
  const res = await t.gql<IntrospectionQuery>(getIntrospectionQuery());
  const served = printHubSchema(buildClientSchema(res.body.data!));
  expect(served).toBe(readFileSync(join(__dirname, '..', '..', SCHEMA_FILE), 'utf8'));
  expect(served).toContain('series(');
});

test('schema/subgraph.graphql matches the subgraph SDL the code serves (HUB_ID "hub")', () => {
  const checkedIn = readFileSync(join(__dirname, '..', '..', 'schema', 'subgraph.graphql'), 'utf8');
  expect(subgraphTypeDefs(t.hub.schema, 'hub')).toBe(checkedIn);
  expect(checkedIn).toContain('type Area @key(fields: "code") @shareable {');
  expect(checkedIn).toContain('type Partnership @key(fields: "slug") @shareable {');
  expect(checkedIn).toContain('type Measure @key(fields: "code") @shareable {');
});
