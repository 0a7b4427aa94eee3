import { readFileSync } from 'node:fs';
import { buildClientSchema, getIntrospectionQuery, type IntrospectionQuery } from 'graphql';
import { join } from 'node:path';
import { printHubSchema, SCHEMA_FILE } from '../../src/graphql/print-schema';
import { subgraphTypeDefs } from '../../src/federation/subgraph';
import { GRAPH_ENTITIES } from '../../src/services/plan-graph.service';
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
  expect((migrations as Array<{ name: string }>).map((m) => m.name)).toEqual([
    'Initial1795281263345',
    'JobLock1795282055640',
    'Alerts1795284495789',
    'ApiKeys1795286451617',
    'MeasureOwner1795286703522',
    'MeasureAccess1795289071796',
    'MeasureSummary1795290949768',
    'ReferenceVersion1795297838018',
    'DocumentLocation1795967958893',
    'SourceNames1795968000000',
    'RunForced1795970712418',
    'FigureSources1796336112730',
    'RunErrorDetail1796358475170',
    'Geography1796358595809',
    'ReferenceProvenance1796359142408',
    'RunNotes1796359146854',
  ]);
});

// A later migration that rebuilds one of these tables (SQLite's way of changing a column) drops
// its triggers with it; the in-memory plan graph would then never see that table change.
test('every table the plan graph is read from has its triggers after all the migrations', async () => {
  const ds = t.hub.dataSource;
  const tables = GRAPH_ENTITIES.map((e) => ds.getMetadata(e).tableName).sort();
  expect(tables).toHaveLength(7);
  if (ds.options.type === 'postgres') {
    const rows = (await ds.query(
      "SELECT c.relname AS t FROM pg_trigger g JOIN pg_class c ON c.oid = g.tgrelid WHERE g.tgname = 'reference_changed' AND NOT g.tgisinternal",
    )) as Array<{ t: string }>;
    expect(rows.map((r) => r.t).sort()).toEqual(tables);
  } else {
    const rows = (await ds.query(
      "SELECT tbl_name AS t, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'reference_changed_%'",
    )) as Array<{ t: string; sql: string }>;
    expect(rows).toHaveLength(tables.length * 3);
    for (const table of tables) {
      const events = rows
        .filter((r) => r.t === table)
        .map((r) => /AFTER (\w+) ON/.exec(r.sql)?.[1])
        .sort();
      expect([table, events]).toEqual([table, ['DELETE', 'INSERT', 'UPDATE']]);
    }
  }
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
