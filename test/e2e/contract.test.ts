import { contractOperation, startTestHub, type TestHub } from '../helpers/test-hub';

// The contract operations (schema/operations) that need only reference data, sent unchanged with
// their own variables, and checked for the right answers.

let t: TestHub;
beforeAll(async () => {
  t = await startTestHub();
});
afterAll(async () => {
  await t.stop();
});

async function run<T>(name: string): Promise<T> {
  const { query, variables } = contractOperation(name);
  const res = await t.gql<T>(query, variables);
  expect(res.status).toBe(200);
  expect(res.body.errors).toBeUndefined();
  return res.body.data as T;
}

interface PartnershipsData {
  partnerships: Array<{
    slug: string;
    name: string;
    areas: Array<{ code: string; name: string; type: string }>;
    plans: Array<{
      id: string;
      title: string;
      periodStart: string;
      periodEnd: string;
      sourceDocument: string;
      priorities: Array<{
        code: string;
        title: string;
        rationale: string | null;
        themes: Array<{ code: string; name: string }>;
        objectives: Array<{ code: string; text: string; measures: Array<{ code: string }> }>;
        measures: Array<{ code: string; name: string; unit: string; polarity: string }>;
        actions: Array<{ text: string; lead: string | null; dueDate: string | null; status: string }>;
      }>;
    }>;
  }>;
}

test('Partnerships: every partnership with its areas and whole plan graph', async () => {
  const data = await run<PartnershipsData>('partnerships');
  expect(data.partnerships.map((p) => p.slug).sort()).toEqual([
    'gosport',
    'safer-gloucester',
    'safer-north-hampshire',
    'safer-portsmouth',
  ]);
  const gosport = data.partnerships.find((p) => p.slug === 'gosport')!;
  expect(gosport.areas).toEqual([{ code: 'E07000088', name: 'Gosport', type: 'DISTRICT' }]);
  expect(gosport.plans[0]).toMatchObject({
    id: 'gosport-2020-21',
    periodStart: '2020-04-01',
    periodEnd: '2021-03-31',
    sourceDocument: '000_d7f80165f4096f4d.txt',
  });
  const asb = gosport.plans[0]!.priorities[1]!;
  expect(asb.themes.map((th) => th.code)).toContain('ANTI_SOCIAL_BEHAVIOUR');
  expect(asb.measures).toContainEqual({
    code: 'police.anti-social-behaviour',
    name: 'Anti-social behaviour incidents',
    unit: 'COUNT',
    polarity: 'LOWER_IS_BETTER',
  });
  expect(asb.actions.every((a) => a.status === 'OPEN')).toBe(true);

  const portsmouth = data.partnerships.find((p) => p.slug === 'safer-portsmouth')!;
  expect(portsmouth.plans.map((p) => p.id)).toEqual(['safer-portsmouth-2018-23', 'safer-portsmouth-2021-22']);
  const c = portsmouth.plans[1]!.priorities[2]!;
  const firstTimeEntrants = c.objectives.find((o) => o.code === '2b')!;
  expect(firstTimeEntrants.text).toBe('Reduce First Time entrants into Youth Justice');
  expect(firstTimeEntrants.measures).toEqual([{ code: 'fingertips.10401' }]);
  const everyPriority = data.partnerships.flatMap((p) => p.plans.flatMap((pl) => pl.priorities));
  expect(everyPriority).toHaveLength(3 + 3 + 6 + 3 + 6);
});

test('Theme: who prioritises domestic abuse, and which measures evidence it', async () => {
  const data = await run<{
    theme: {
      code: string;
      name: string;
      priorities: Array<{
        code: string;
        title: string;
        plan: { title: string; partnership: { slug: string; name: string } };
      }>;
      measures: Array<{ code: string; polarity: string }>;
    };
  }>('theme');
  expect(data.theme).toMatchObject({ code: 'DOMESTIC_ABUSE', name: 'Domestic abuse' });
  const bySlug = new Map<string, string[]>();
  for (const p of data.theme.priorities)
    bySlug.set(p.plan.partnership.slug, [...(bySlug.get(p.plan.partnership.slug) ?? []), p.title]);
  expect([...bySlug.keys()].sort()).toEqual([
    'gosport',
    'safer-gloucester',
    'safer-north-hampshire',
    'safer-portsmouth',
  ]);
  expect(bySlug.get('safer-gloucester')).toEqual(['Domestic Abuse']);
  expect(bySlug.get('gosport')).toContain('Vulnerability');
  const codes = data.theme.measures.map((m) => m.code);
  expect(codes).toContain('police.violence-and-sexual-offences');
  expect(codes).toContain('quoted.domestic-abuse-share-of-crime');
  expect(codes).toEqual([...codes].sort());
});

test('Area: Gosport, where it sits, who covers it, and its figures with provenance', async () => {
  const data = await run<{
    area: {
      code: string;
      name: string;
      type: string;
      parents: Array<{ code: string; type: string }>;
      partnerships: Array<{ slug: string }>;
      population: unknown;
      observations: {
        totalCount: number;
        edges: Array<{
          node: {
            measure: { code: string };
            period: string;
            value: number;
            provenance: { dataset: string; retrievedAt: string };
          };
        }>;
      };
    };
  }>('area');
  const area = data.area;
  expect(area).toMatchObject({ code: 'E07000088', name: 'Gosport', type: 'DISTRICT' });
  expect(area.parents.map((p) => `${p.type}:${p.code}`).sort()).toEqual([
    'COMMUNITY_SAFETY_PARTNERSHIP:E22000113',
    'COUNTY:E10000014',
    'FIRE_AND_RESCUE_AUTHORITY:E31000048',
    'POLICE_FORCE_AREA:E23000030',
  ]);
  expect(area.partnerships).toEqual([{ slug: 'gosport', name: 'Gosport Community Safety Partnership' }]);
  // The figures Gosport's plan quotes about Gosport itself: -4.5% crime, 13% domestic abuse, 85,300 people.
  expect(area.observations.totalCount).toBe(3);
  const values = Object.fromEntries(area.observations.edges.map((e) => [e.node.measure.code, e.node.value]));
  expect(values).toEqual({
    'quoted.recorded-crime-change-interact': -4.5,
    'quoted.domestic-abuse-share-of-crime': 13,
    'quoted.population': 85300,
  });
  for (const e of area.observations.edges) {
    expect(e.node.provenance.dataset).toBe('documents');
    expect(Number.isNaN(Date.parse(e.node.provenance.retrievedAt))).toBe(false);
  }
});

test("SpcChart: the analyst's own series, with limits and signals worked by hand", async () => {
  const data = await run<{
    spcChart: {
      mean: number;
      mrBar: number;
      ucl: number;
      lcl: number;
      segments: Array<{ start: number; end: number; mean: number }>;
      signals: Array<{ rule: string; direction: string | null; indices: number[] }>;
      variation: string;
    };
  }>('spc-chart');
  const c = data.spcChart;
  // Mean 179/12 = 14.9167; moving ranges sum 54 over 11 = 4.9091; limits mean +/- 2.66 x 4.9091.
  expect(c.mean).toBeCloseTo(14.916667, 5);
  expect(c.mrBar).toBeCloseTo(4.909091, 5);
  expect(c.ucl).toBeCloseTo(27.974848, 5);
  expect(c.lcl).toBeCloseTo(1.858485, 5);
  expect(c.segments).toEqual([{ start: 0, end: 11, mean: c.mean, mrBar: c.mrBar, ucl: c.ucl, lcl: c.lcl }]);
  expect(c.signals).toEqual([{ rule: 'OUTSIDE_LIMITS', direction: 'HIGH', indices: [10] }]);
  expect(c.variation).toBe('COMMON_CAUSE');

  const rebased = await t.gql<{ spcChart: { segments: Array<{ start: number; end: number }>; mean: number } }>(
    '{ spcChart(values: [1, 2, 3, 10, 11, 12], rebaseAt: [3]) { mean segments { start end } } }',
  );
  expect(rebased.body.data!.spcChart).toEqual({
    mean: 11,
    segments: [
      { start: 0, end: 2 },
      { start: 3, end: 5 },
    ],
  });
  const bad = await t.gql('{ spcChart(values: [1, 2, 3], baselinePoints: 1) { mean } }');
  expect(bad.body.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
  expect(bad.body.errors![0]!.message).toBe('baselinePoints must be a whole number of 2 or more');
});
