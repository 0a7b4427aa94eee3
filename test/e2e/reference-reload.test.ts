import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ENTITIES } from '../../src/entities';
import { silentLogger } from '../../src/logging/logger';
import { ReferenceDataError } from '../../src/reference/reference-files';
import { countChanges, loadReferenceData } from '../../src/reference/reference-loader';
import type { LinkBasis } from '../../src/domain/enums';
import type { PartnershipRecord } from '../../src/reference/reference.types';
import { startTestHub, type TestHub } from '../helpers/test-hub';

// Loading is idempotent, a changed file updates the store (keeping the earlier value of a
// changed figure as a revision), and a bad file is refused with its problems, writing nothing.

const REFERENCE = join(__dirname, '..', '..', 'data', 'reference');

let t: TestHub;
let dir: string;
beforeAll(async () => {
  t = await startTestHub();
});
afterAll(async () => {
  await t.stop();
});
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hub-reference-'));
  cpSync(REFERENCE, dir, { recursive: true });
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function snapshot(): Promise<string> {
  const tables: Record<string, string[]> = {};
  for (const entity of ENTITIES) {
    const rows = await t.hub.dataSource.manager.find(entity);
    tables[entity.name] = rows.map((r) => JSON.stringify(r)).sort();
  }
  return JSON.stringify(tables);
}

function edit(file: string, change: (json: PartnershipRecord) => void): void {
  const path = join(dir, file);
  const json = JSON.parse(readFileSync(path, 'utf8')) as PartnershipRecord;
  change(json);
  writeFileSync(path, JSON.stringify(json, null, 2));
}

test('loading the same files again changes nothing', async () => {
  const before = await snapshot();
  const report = await loadReferenceData(t.hub.dataSource, REFERENCE, t.hub.figuresChanged, silentLogger);
  expect(countChanges(report)).toBe(0);
  expect(await snapshot()).toBe(before);
});

test('a changed file updates the store and keeps the earlier figure as a revision', async () => {
  edit('partnerships/gosport.json', (g) => {
    const plan = g.plans[0]!;
    plan.priorities[0]!.actions[0]!.lead = 'Stop Domestic Abuse (Hampshire)';
    plan.priorities[2]!.actions.pop();
    g.figures.find((f) => f.measure === 'quoted.population')!.value = 85400;
  });
  const report = await loadReferenceData(t.hub.dataSource, dir, t.hub.figuresChanged, silentLogger);
  expect(report.plan_action).toEqual({ inserted: 0, updated: 1, deleted: 1 });
  expect(report.observation).toEqual({ inserted: 0, updated: 1, deleted: 0 });
  expect(countChanges(report)).toBe(3);

  const res = await t.gql<{
    partnership: { plans: Array<{ actions: Array<{ lead: string }> }> };
    area: { observations: { edges: Array<{ node: { value: number; revisions: Array<{ value: number }> } }> } };
  }>(`{
    partnership(slug: "gosport") { plans { actions { lead } } }
    area(code: "E07000088") { observations(measure: "quoted.population") { edges { node { value revisions { value } } } } }
  }`);
  const actions = res.body.data!.partnership.plans[0]!.actions;
  expect(actions).toHaveLength(19);
  expect(actions[0]!.lead).toBe('Stop Domestic Abuse (Hampshire)');
  expect(res.body.data!.area.observations.edges[0]!.node).toEqual({ value: 85400, revisions: [{ value: 85300 }] });

  // And back: the original files restore the original rows.
  const restore = await loadReferenceData(t.hub.dataSource, REFERENCE, t.hub.figuresChanged, silentLogger);
  expect(restore.plan_action).toEqual({ inserted: 1, updated: 1, deleted: 0 });
});

test('a file with broken references is refused whole, listing each problem, and nothing is written', async () => {
  const before = await snapshot();
  edit('partnerships/gosport.json', (g) => {
    const plan = g.plans[0]!;
    plan.priorities[0]!.title = 'Vulnerability and exploitation';
    plan.priorities[1]!.measures.push({
      measure: 'police.no-such-crime',
      label: null,
      basis: 'HUB' as LinkBasis,
      note: null,
    });
    g.figures.push({ ...g.figures[0]!, period: '2019-13' });
  });
  let error: unknown;
  try {
    await loadReferenceData(t.hub.dataSource, dir, t.hub.figuresChanged, silentLogger);
  } catch (err) {
    error = err;
  }
  expect(error).toBeInstanceOf(ReferenceDataError);
  const problems = (error as ReferenceDataError).problems;
  expect(problems).toHaveLength(1);
  expect(problems[0]).toMatch(/gosport\.json: \/figures\/\d+\/period: expected a period/);
  expect(await snapshot()).toBe(before);

  edit('partnerships/gosport.json', (g) => g.figures.pop());
  await expect(loadReferenceData(t.hub.dataSource, dir, t.hub.figuresChanged, silentLogger)).rejects.toThrow(
    'plan gosport-2020-21 priority 2: unknown measure "police.no-such-crime"',
  );
  expect(await snapshot()).toBe(before);
});
