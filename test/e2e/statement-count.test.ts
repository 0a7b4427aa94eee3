import { ActionStatus, LinkBasis, PlanStatus } from '../../src/domain/enums';
import {
  Action,
  MeasureLink,
  Objective,
  Partnership,
  PartnershipArea,
  Plan,
  Priority,
  PriorityTheme,
} from '../../src/entities';
import { contractOperation, startTestHub, type TestHub } from '../helpers/test-hub';

// A dashboard query costs a fixed number of SQL statements, whatever the number of rows:
// the contract's whole-plan-graph query is counted with the 4 real partnerships, then again
// after 36 generated ones, each with a full plan graph, are added.

let t: TestHub;
beforeAll(async () => {
  t = await startTestHub();
});
afterAll(async () => {
  await t.stop();
});

async function addPartnerships(count: number): Promise<void> {
  const m = t.hub.dataSource.manager;
  for (let i = 1; i <= count; i += 1) {
    const slug = `generated-${i}`;
    const planId = `${slug}-plan`;
    await m.insert(Partnership, {
      slug,
      name: `Generated partnership ${i}`,
      description: 'Generated for the statement-count test.',
      sourceDocuments: ['000_d7f80165f4096f4d.txt'],
    });
    await m.insert(PartnershipArea, [
      { partnershipSlug: slug, areaCode: 'E07000088' },
      { partnershipSlug: slug, areaCode: 'E07000089' },
    ]);
    await m.insert(Plan, {
      id: planId,
      partnershipSlug: slug,
      title: `Plan ${i}`,
      periodStart: '2024-04-01',
      periodEnd: '2027-03-31',
      status: PlanStatus.PUBLISHED,
      summary: null,
      notes: null,
      sourceDocument: '000_d7f80165f4096f4d.txt',
    });
    for (let p = 1; p <= 3; p += 1) {
      const priorityId = `${planId}/${p}`;
      await m.insert(Priority, {
        id: priorityId,
        planId,
        code: String(p),
        title: `Priority ${p}`,
        rationale: 'Because.',
        position: p,
      });
      await m.insert(PriorityTheme, { priorityId, themeCode: 'DOMESTIC_ABUSE' });
      await m.insert(
        Objective,
        [1, 2].map((o) => ({
          id: `${priorityId}/${o}`,
          priorityId,
          code: String(o),
          text: `Objective ${o}`,
          position: o,
        })),
      );
      await m.insert(MeasureLink, [
        {
          id: `${priorityId}/m1`,
          measureCode: 'police.all-crime',
          partnershipSlug: slug,
          priorityId,
          objectiveId: null,
          label: null,
          basis: LinkBasis.HUB,
          note: null,
          polarity: null,
          target: null,
          position: 0,
        },
        {
          id: `${priorityId}/1/m1`,
          measureCode: 'police.burglary',
          partnershipSlug: slug,
          priorityId,
          objectiveId: `${priorityId}/1`,
          label: null,
          basis: LinkBasis.HUB,
          note: null,
          polarity: null,
          target: null,
          position: 0,
        },
      ]);
      await m.insert(
        Action,
        [1, 2].map((a) => ({
          id: `${priorityId}/a${a}`,
          planId,
          priorityId,
          theme: null,
          subTheme: null,
          text: `Action ${a}`,
          lead: 'Someone',
          leadOrganisationId: null,
          deadline: 'March 2025',
          dueDate: '2025-03-31',
          status: ActionStatus.OPEN,
          position: a,
          sourceDocument: '000_d7f80165f4096f4d.txt',
        })),
      );
    }
  }
}

test('the whole plan graph costs the same number of statements for 4 and for 40 partnerships', async () => {
  const { query } = contractOperation('partnerships');
  const before = await t.gql<{ partnerships: unknown[] }>(query);
  expect(before.body.errors).toBeUndefined();
  expect(before.body.data!.partnerships).toHaveLength(4);
  const fewStatements = before.body.extensions?.sqlStatements;

  await addPartnerships(36);

  const after = await t.gql<{
    partnerships: Array<{
      plans: Array<{ priorities: Array<{ actions: unknown[]; objectives: Array<{ measures: unknown[] }> }> }>;
    }>;
  }>(query);
  expect(after.body.errors).toBeUndefined();
  expect(after.body.data!.partnerships).toHaveLength(40);
  const generated = after.body.data!.partnerships.flatMap((p) => p.plans.flatMap((pl) => pl.priorities));
  expect(generated.reduce((n, p) => n + p.actions.length, 0)).toBeGreaterThan(200); // the rows really are there
  const manyStatements = after.body.extensions?.sqlStatements;

  // One statement per level of the query: partnerships 1, areas 2 (join table, areas), plans 1,
  // priorities 1, themes 2, objectives 1, objective measures 2, priority measures 2, actions 1.
  expect(fewStatements).toBe(13);
  expect(manyStatements).toBe(13);
});
