import { startTestHub, type TestHub } from '../helpers/test-hub';

// The hub keeps the plan graph in memory and reads only its token per request. Whoever changes
// the graph's tables, and however (here: plain SQL behind the hub's back, as another hub or an
// administrator would), the next request sees the change; a rolled-back change is never seen.

let t: TestHub;
beforeAll(async () => {
  t = await startTestHub();
});
afterAll(async () => {
  await t.stop();
});

const sql = (text: string): Promise<unknown> => t.hub.dataSource.query(text);
const token = async (): Promise<string> =>
  ((await t.hub.dataSource.query('SELECT token FROM reference_version WHERE id = 1')) as Array<{ token: string }>)[0]!
    .token;

interface ScorecardData {
  partnership: {
    name: string;
    scorecard: {
      priorities: Array<{
        priority: { title: string };
        actions: { total: number; done: number; overdue: number; open: number };
      }>;
    };
  } | null;
}
const SCORECARD =
  '{ partnership(slug: "gosport") { name scorecard { priorities { priority { title } actions { total done overdue open } } } } }';

test('a partnership renamed in the store is served renamed on the next request', async () => {
  const before = await t.gql<ScorecardData>(SCORECARD);
  expect(before.body.data!.partnership!.name).not.toBe('Gosport, renamed');
  await sql("UPDATE partnership SET name = 'Gosport, renamed' WHERE slug = 'gosport'");
  const after = await t.gql<ScorecardData>(SCORECARD);
  expect(after.body.data!.partnership!.name).toBe('Gosport, renamed');
});

test('actions marked done in the store are counted done on the next scorecard', async () => {
  const before = await t.gql<ScorecardData>(SCORECARD);
  const first = before.body.data!.partnership!.scorecard.priorities[0]!;
  expect(first.actions.total).toBeGreaterThan(0);
  await sql(
    "UPDATE plan_action SET status = 'DONE' WHERE priority_id = (SELECT id FROM priority WHERE plan_id = 'gosport-2020-21' ORDER BY position LIMIT 1)",
  );
  const after = await t.gql<ScorecardData>(SCORECARD);
  expect(after.body.data!.partnership!.scorecard.priorities[0]!.actions).toEqual({
    total: first.actions.total,
    done: first.actions.total,
    overdue: 0,
    open: 0,
  });
});

test('a priority retitled and a partnership deleted are seen at once', async () => {
  await sql(
    "UPDATE priority SET title = 'Retitled' WHERE plan_id = 'gosport-2020-21' AND position = (SELECT MIN(position) FROM priority WHERE plan_id = 'gosport-2020-21')",
  );
  const retitled = await t.gql<ScorecardData>(SCORECARD);
  expect(retitled.body.data!.partnership!.scorecard.priorities[0]!.priority.title).toBe('Retitled');
  await sql("DELETE FROM partnership WHERE slug = 'gosport'");
  const gone = await t.gql<ScorecardData>(SCORECARD);
  expect(gone.body.data!.partnership).toBeNull();
  expect(gone.body.errors![0]!.extensions!.code).toBe('NOT_FOUND');
});

test('a change rolled back leaves the token as it was, and the graph served is the committed one', async () => {
  const q = '{ partnership(slug: "safer-portsmouth") { name } }';
  const name = (await t.gql<{ partnership: { name: string } }>(q)).body.data!.partnership.name;
  const committed = await token();
  const runner = t.hub.dataSource.createQueryRunner();
  await runner.connect();
  await runner.startTransaction();
  await runner.query("UPDATE partnership SET name = 'Never committed' WHERE slug = 'safer-portsmouth'");
  const during = (
    (await runner.query('SELECT token FROM reference_version WHERE id = 1')) as Array<{ token: string }>
  )[0]!.token;
  expect(during).not.toBe(committed);
  await runner.rollbackTransaction();
  await runner.release();
  expect(await token()).toBe(committed);
  expect((await t.gql<{ partnership: { name: string } }>(q)).body.data!.partnership.name).toBe(name);
  // A later change gets a token of its own, not the rolled-back one again.
  await sql("UPDATE partnership SET name = 'Committed' WHERE slug = 'safer-portsmouth'");
  expect(await token()).not.toBe(during);
  expect((await t.gql<{ partnership: { name: string } }>(q)).body.data!.partnership.name).toBe('Committed');
});
