import { RunStatus } from '../../src/domain/enums';
import { IngestRun, RejectedRow } from '../../src/entities';
import { contractOperation, startTestHub, type TestHub } from '../helpers/test-hub';

// Measures, areas, organisations, datasets and ingest runs: each reachable and filterable.

let t: TestHub;
beforeAll(async () => {
  t = await startTestHub();
});
afterAll(async () => {
  await t.stop();
});

type Codes = { totalCount: number; edges: Array<{ node: { code: string } }> };
const codes = (c: Codes): string[] => c.edges.map((e) => e.node.code);

test('measures filter by source, partnership and theme', async () => {
  const res = await t.gql<{
    police: Codes;
    portsmouth: Codes;
    road: Codes;
    one: {
      name: string;
      links: Array<{ basis: string; label: string | null; priority: { code: string }; partnership: { slug: string } }>;
    };
  }>(`{
    police: measures(source: "police", first: 100) { totalCount edges { node { code } } }
    portsmouth: measures(partnership: "safer-portsmouth", first: 100) { totalCount edges { node { code } } }
    road: measures(theme: "ROAD_SAFETY", first: 100) { totalCount edges { node { code } } }
    one: measure(code: "fingertips.92432") { name links { basis label priority { code } partnership { slug } } }
  }`);
  expect(res.body.errors).toBeUndefined();
  const d = res.body.data!;
  // 14 crime types plus all crime.
  expect(d.police.totalCount).toBe(15);
  expect(codes(d.police)).toContain('police.violence-and-sexual-offences');
  // Portsmouth's plan measures: 6 + 6 priority-level, and objective-level links.
  expect(codes(d.portsmouth)).toEqual(expect.arrayContaining(['fingertips.92432', 'fingertips.10401']));
  expect(codes(d.portsmouth).filter((c) => c.startsWith('partner.'))).toHaveLength(12);
  expect(codes(d.road)).toContain('fingertips.11001');
  expect(d.one.name).toBe('Deaths from drug misuse');
  // The plan's "d) Drug related deaths" is its own measure; the hub links this indicator to
  // Portsmouth's objective C, with a note on how the two differ (issue 15).
  expect(d.one.links).toContainEqual({
    basis: 'HUB',
    label: null,
    priority: { code: 'B' },
    partnership: { slug: 'safer-portsmouth' },
  });
  expect(d.one.links.filter((l) => l.basis === 'PLAN')).toEqual([]);
});

test('areas filter by type and parent; an area knows its parents and children', async () => {
  const res = await t.gql<{
    glos: Codes;
    hantsPolice: Codes;
    hantsCsps: { totalCount: number };
    counties: Codes;
    county: { children: Array<{ code: string }>; partnerships: unknown[] };
  }>(`{
    glos: areas(type: DISTRICT, parent: "E10000013") { totalCount edges { node { code } } }
    hantsPolice: areas(type: DISTRICT, parent: "E23000030", first: 50) { totalCount edges { node { code } } }
    hantsCsps: areas(type: COMMUNITY_SAFETY_PARTNERSHIP, parent: "E23000030", first: 50) { totalCount }
    counties: areas(type: COUNTY, first: 50) { totalCount edges { node { code } } }
    county: area(code: "E10000014") { children { code } partnerships { slug } }
  }`);
  const d = res.body.data!;
  expect(codes(d.glos)).toEqual(['E07000078', 'E07000079', 'E07000080', 'E07000081', 'E07000082', 'E07000083']);
  // Eleven Hampshire districts and three unitary authorities policed by Hampshire Constabulary,
  // in twelve partnerships (the 2017 lookup's 14 rows for E23000030: North Hampshire holds three).
  expect(d.hantsPolice.totalCount).toBe(14);
  expect(d.hantsCsps.totalCount).toBe(12);
  // The 26 two-tier counties of England in 2019, Gloucestershire and Hampshire among them.
  expect(d.counties.totalCount).toBe(26);
  expect(codes(d.counties)).toEqual(expect.arrayContaining(['E10000013', 'E10000014']));
  expect(d.county.children).toHaveLength(11);
  expect(d.county.partnerships).toEqual([]);
});

test('organisations and their memberships across partnerships', async () => {
  const res = await t.gql<{
    organisations: { totalCount: number };
    organisation: { name: string; type: string; memberships: Array<{ partnership: { slug: string } }> };
  }>(`{
    organisations { totalCount }
    organisation(id: "hampshire-constabulary") { name type memberships { partnership { slug } } }
  }`);
  const d = res.body.data!;
  expect(d.organisations.totalCount).toBeGreaterThan(50);
  expect(d.organisation).toMatchObject({ name: 'Hampshire Constabulary', type: 'POLICE' });
  expect(new Set(d.organisation.memberships.map((m) => m.partnership.slug))).toEqual(
    new Set(['gosport', 'safer-north-hampshire', 'safer-portsmouth']),
  );
});

test('IngestStatus runs unchanged: datasets, their last run, and runs with rejected rows', async () => {
  const { query } = contractOperation('ingest-status');
  const empty = await t.gql<{ datasets: Array<{ id: string; lastRun: unknown }>; ingestRuns: { totalCount: number } }>(
    query,
  );
  expect(empty.body.errors).toBeUndefined();
  expect(empty.body.data!.datasets.map((d) => d.id)).toEqual([
    'documents',
    'fingertips',
    'fire-incidents',
    'ons-population',
    'partner-feed',
    'police-api',
    'police-street',
  ]);
  expect(empty.body.data!.ingestRuns.totalCount).toBe(0);

  const m = t.hub.dataSource.manager;
  const started = new Date('2026-11-01T06:00:00Z');
  const base = { trigger: 'test', source: 'file:fixture.csv', rowsRead: 10, rowsWritten: 8, error: null };
  const ok = await m.save(
    IngestRun,
    m.create(IngestRun, {
      ...base,
      datasetId: 'police-street',
      status: RunStatus.SUCCEEDED,
      startedAt: started,
      finishedAt: new Date(started.getTime() + 5000),
      rowsRejected: 2,
    }),
  );
  await m.insert(RejectedRow, [
    { runId: ok.id, line: 7, reason: 'Month "2022-13" is not a month', raw: 'x,2022-13,...' },
    { runId: ok.id, line: 3, reason: 'unknown crime type "Arson"', raw: 'y,2022-02,...' },
  ]);
  await m.save(
    IngestRun,
    m.create(IngestRun, {
      ...base,
      datasetId: 'police-street',
      status: RunStatus.FAILED,
      startedAt: new Date(started.getTime() + 60000),
      finishedAt: null,
      rowsRejected: 0,
      error: 'header changed',
    }),
  );

  const res = await t.gql<{
    datasets: Array<{ id: string; lastRun: { status: string } | null }>;
    ingestRuns: {
      totalCount: number;
      edges: Array<{ node: { id: string; dataset: { id: string }; status: string; error: string | null } }>;
    };
  }>(query);
  const police = res.body.data!.datasets.find((d) => d.id === 'police-street')!;
  expect(police.lastRun).toMatchObject({ status: 'FAILED' });
  expect(res.body.data!.ingestRuns.totalCount).toBe(2);
  expect(res.body.data!.ingestRuns.edges.map((e) => e.node.status)).toEqual(['FAILED', 'SUCCEEDED']);
  expect(res.body.data!.ingestRuns.edges[0]!.node).toMatchObject({
    dataset: { id: 'police-street' },
    error: 'header changed',
  });

  const rejected = await t.gql<{
    ingestRuns: {
      edges: Array<{
        node: { rejectedRows: { totalCount: number; edges: Array<{ node: { line: number; reason: string } }> } };
      }>;
    };
  }>(
    '{ ingestRuns(dataset: "police-street", first: 5) { edges { node { rejectedRows { totalCount edges { node { line reason } } } } } } }',
  );
  const lists = rejected.body.data!.ingestRuns.edges.map((e) => e.node.rejectedRows);
  expect(lists[0]!.totalCount).toBe(0);
  // Reasons recorded before reasons stopped quoting the row: what they quoted is not shown to
  // a caller who may not read the row itself.
  expect(lists[1]!.edges.map((e) => e.node)).toEqual([
    { line: 3, reason: 'unknown crime type (not shown)' },
    { line: 7, reason: 'Month (not shown) is not a month' },
  ]);
});

test('each source document is cited with its title, publisher, date and where it was published', async () => {
  const res = await t.gql<{
    sourceDocuments: Array<{
      id: string;
      title: string;
      publisher: string;
      published: string | null;
      location: string | null;
    }>;
  }>(`{ sourceDocuments { id title publisher published location } }`);
  const byId = new Map(res.body.data!.sourceDocuments.map((d) => [d.id, d]));
  expect(byId.size).toBe(5);
  // The plan's own title page, welcome and back page: "Safer Gloucester Plan 2011-2012" and
  // "www.safergloucester.co.uk" with its contact details.
  expect(byId.get('004_9f6d2821952e7545.txt')).toMatchObject({
    title: 'Safer Gloucester Plan 2011-2012',
    publisher: 'Safer Gloucester',
    published: '2011',
  });
  expect(byId.get('004_9f6d2821952e7545.txt')!.location).toMatch(/^www\.safergloucester\.co\.uk /);
  // The Gosport plan names no website of its own: the hub says so rather than guess.
  expect(byId.get('000_d7f80165f4096f4d.txt')!.location).toBeNull();
});
