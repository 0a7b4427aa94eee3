import { createKey } from '../../src/auth/api-keys';
import { GRAPH_READ_STATEMENTS } from '../../src/services/plan-graph.service';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SAMPLES_DIR } from '../../jobs/samples/generate-samples';
import { contractOperation, startTestHub, type TestHub } from '../helpers/test-hub';

// Series computed by the hub from the sample data, checked against plain loops over the
// sample files in this test (not against the hub's own code).

let t: TestHub;
beforeAll(async () => {
  t = await startTestHub({ ingestOnStart: true });
}, 120_000);
afterAll(async () => {
  await t.stop();
});

/** Plain count of street rows by district name prefix and crime type, per month, over every sample file. */
function countRows(districts: string[], crimeType: string | null): Map<string, number> {
  const counts = new Map<string, number>();
  const dir = join(SAMPLES_DIR, 'police-street');
  for (const file of readdirSync(dir)) {
    for (const line of readFileSync(join(dir, file), 'utf8').split(/\r?\n/).slice(1)) {
      const f = line.split(',');
      if (f.length < 12 || !districts.some((d) => f[8]!.startsWith(`${d} `))) continue;
      if (crimeType && f[9] !== crimeType) continue;
      counts.set(f[1]!, (counts.get(f[1]!) ?? 0) + 1);
    }
  }
  return counts;
}

/**
 * A district's population for a year from 2019 on: the hub holds the ONS mid-2019 estimate
 * (data/ons/, the file's total_population column) and rates later years on it, the latest
 * estimate before them. Read with plain string handling.
 */
function populationOf(code: string, year: number): number {
  expect(year).toBeGreaterThanOrEqual(2019);
  const line = readFileSync(
    join(__dirname, '..', '..', 'data', 'ons', 'population-lad-mid2019-persons-syoa.csv'),
    'utf8',
  )
    .split('\n')
    .find((l) => l.startsWith(`"${code}",`))!;
  return Number(line.split(',')[2]);
}

test('Series contract: Gosport violence by month, its rates and its XmR chart, as plain arithmetic gives them', async () => {
  const { query, variables } = contractOperation('series');
  const res = await t.gql<{
    series: {
      frequency: string;
      points: Array<{ period: string; value: number; rate: number }>;
      spc: {
        mean: number;
        ucl: number;
        lcl: number;
        variation: string;
        signals: Array<{ rule: string; direction: string | null; indices: number[] }>;
      };
    };
  }>(query, variables);
  expect(res.body.errors).toBeUndefined();
  const s = res.body.data!.series;
  const expected = countRows(['Gosport'], 'Violence and sexual offences');
  const months = [...expected.keys()].sort();
  expect(s.frequency).toBe('MONTH');
  expect(s.points.map((p) => p.period)).toEqual(months);
  expect(s.points.map((p) => p.value)).toEqual(months.map((m) => expected.get(m)));
  const jan2022 = s.points.find((p) => p.period === '2022-01')!;
  expect(jan2022.rate).toBeCloseTo((jan2022.value / populationOf('E07000088', 2022)) * 1000, 9);

  const values = months.map((m) => expected.get(m)!);
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  let mr = 0;
  for (let i = 1; i < values.length; i += 1) mr += Math.abs(values[i]! - values[i - 1]!);
  mr /= values.length - 1;
  expect(s.spc.mean).toBeCloseTo(mean, 9);
  expect(s.spc.ucl).toBeCloseTo(mean + 2.66 * mr, 9);
  expect(s.spc.lcl).toBeCloseTo(mean - 2.66 * mr, 9);
  const outsideHigh = values.flatMap((v, i) => (v > mean + 2.66 * mr ? [i] : []));
  expect(outsideHigh).toContain(months.indexOf('2023-07')); // the planted spike
  expect(s.spc.signals.find((x) => x.rule === 'OUTSIDE_LIMITS' && x.direction === 'HIGH')?.indices).toEqual(
    outsideHigh,
  );
  // Lower is better: the last point decides, and December 2023 is not a signal.
  expect(s.spc.variation).toBe('COMMON_CAUSE');
});

test('a partnership series sums its districts; quarters sum their months; the financial year edges are gaps', async () => {
  const expected = countRows(['Basingstoke and Deane', 'Hart', 'Rushmoor'], null);
  const res = await t.gql<{
    series: {
      points: Array<{ period: string; value: number; rate: number }>;
      gaps: Array<{ period: string; reason: string }>;
    };
  }>(
    '{ series(measure: "police.all-crime", partnership: "safer-north-hampshire", frequency: QUARTER) { points { period value rate } gaps { period reason } } }',
  );
  const q = res.body.data!.series;
  expect(q.points).toHaveLength(12);
  expect(q.gaps).toEqual([]);
  const q3of2022 = (expected.get('2022-07') ?? 0) + (expected.get('2022-08') ?? 0) + (expected.get('2022-09') ?? 0);
  expect(q.points.find((p) => p.period === '2022-Q3')!.value).toBe(q3of2022);
  const people = ['E07000084', 'E07000089', 'E07000092'].reduce((n, c) => n + populationOf(c, 2022), 0);
  expect(q.points.find((p) => p.period === '2022-Q3')!.rate).toBeCloseTo((q3of2022 / people) * 1000, 9);

  const fy = await t.gql<{
    series: {
      points: Array<{ period: string; value: number }>;
      gaps: Array<{ period: string; reason: string }>;
      spcStart: number;
    };
  }>(
    '{ series(measure: "police.all-crime", partnership: "safer-north-hampshire", frequency: FINANCIAL_YEAR) { points { period value } gaps { period reason } spcStart } }',
  );
  // April to March, counted in plain loops.
  const fySum = (start: number): number =>
    [4, 5, 6, 7, 8, 9, 10, 11, 12, 1, 2, 3].reduce(
      (n, m) => n + (expected.get(`${m >= 4 ? start : start + 1}-${String(m).padStart(2, '0')}`) ?? 0),
      0,
    );
  expect(fy.body.data!.series.points).toEqual([
    { period: '2021/22', value: fySum(2021) },
    { period: '2022/23', value: fySum(2022) },
  ]);
  expect(fy.body.data!.series.gaps.map((g) => g.period)).toEqual(['2020/21', '2023/24']);
  expect(fy.body.data!.series.gaps[1]!.reason).toBe('incomplete: no figure for 2024-01, 2024-02, 2024-03');
  expect(fy.body.data!.series.spcStart).toBe(0);
});

test('a rate rolls up from numerators and denominators; suppressed values are gaps', async () => {
  // The rate is RESTRICTED: read with the key of its owner, Portsmouth City Council.
  const { key } = await createKey(t.hub.dataSource, 'portsmouth-city-council', 'analytics test', 'hub');
  const lines = readFileSync(join(SAMPLES_DIR, 'partner-feed', 'portsmouth-sample.csv'), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => l.split(','));
  const met = lines.filter((f) => f[0] === 'partner.treatment-mental-health-need-met' && f[2]!.startsWith('2022-'));
  const num = met.reduce((n, f) => n + Number(f[4]), 0);
  const den = met.reduce((n, f) => n + Number(f[5]), 0);
  const res = await fetch(`${t.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({
      query:
        '{ series(measure: "partner.treatment-mental-health-need-met", area: "E06000044", frequency: YEAR) { points { period value numerator denominator } } }',
    }),
  });
  const body = (await res.json()) as {
    data: { series: { points: Array<{ period: string; value: number; numerator: number; denominator: number }> } };
  };
  const y2022 = body.data.series.points.find((p) => p.period === '2022')!;
  expect(y2022).toEqual({ period: '2022', value: (num / den) * 100, numerator: num, denominator: den });

  // Rough sleepers in treatment is SUPPRESSED: the feed has every count, and an anonymous
  // reader gets those under 5 as gaps.
  const suppressed = lines
    .filter((f) => f[0] === 'partner.rough-sleepers-in-drug-and-alcohol-treatment' && Number(f[3]) < 5)
    .map((f) => f[2]);
  expect(suppressed.length).toBeGreaterThan(0);
  const rough = await t.gql<{
    series: { points: Array<{ period: string }>; gaps: Array<{ period: string; reason: string }> };
  }>(
    '{ series(measure: "partner.rough-sleepers-in-drug-and-alcohol-treatment", area: "E06000044") { points { period } gaps { period reason } } }',
  );
  expect(rough.body.errors).toBeUndefined();
  expect(rough.body.data!.series.gaps.map((g) => g.period)).toEqual(suppressed);
  expect(rough.body.data!.series.points).toHaveLength(12 - suppressed.length);
});

test('bad series arguments are BAD_USER_INPUT; unknown ones NOT_FOUND', async () => {
  const both = await t.gql(
    '{ series(measure: "police.all-crime", area: "E07000088", partnership: "gosport") { frequency } }',
  );
  expect(both.body.errors![0]!.message).toBe('Give exactly one of "area" and "partnership".');
  const down = await t.gql(
    '{ series(measure: "fire.primary-fires", area: "E31000048", frequency: MONTH) { frequency } }',
  );
  expect(down.body.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'frequency' });
  const unknown = await t.gql('{ series(measure: "police.nothing", area: "E07000088") { frequency } }');
  expect(unknown.body.errors![0]!.extensions!.code).toBe('NOT_FOUND');
});

interface ScorecardData {
  partnership: {
    name: string;
    scorecard: {
      plan: { title: string; periodStart: string; periodEnd: string };
      priorities: Array<{
        priority: { code: string; title: string };
        measures: Array<{
          measure: { code: string; name: string; polarity: string };
          latest: { period: string; value: number; rate: number | null } | null;
          changePercent: number | null;
          variation: string;
        }>;
        actions: { total: number; done: number; overdue: number };
      }>;
    };
  };
}

test('Scorecard contract for Gosport: latest figures, change on a year earlier and actions, as plain loops give them', async () => {
  const { query, variables } = contractOperation('scorecard');
  const res = await t.gql<ScorecardData>(query, variables);
  expect(res.body.errors).toBeUndefined();
  const card = res.body.data!.partnership.scorecard;
  expect(card.plan).toEqual({
    title: 'Gosport Community Safety Partnership - Strategic Plan 2020 – 2021',
    periodStart: '2020-04-01',
    periodEnd: '2021-03-31',
  });
  expect(card.priorities.map((p) => p.priority.code)).toEqual(['1', '2', '3']);
  // Every action was due by March 2021 and none is reported done: all are overdue today.
  expect(card.priorities.map((p) => p.actions)).toEqual([
    { total: 5, done: 0, overdue: 5 },
    { total: 7, done: 0, overdue: 7 },
    { total: 8, done: 0, overdue: 8 },
  ]);

  const vso = countRows(['Gosport'], 'Violence and sexual offences');
  const asb = countRows(['Gosport'], 'Anti-social behaviour');
  const byCode = new Map(card.priorities.flatMap((p) => p.measures).map((m) => [m.measure.code, m]));
  const v = byCode.get('police.violence-and-sexual-offences')!;
  expect(v.latest!.period).toBe('2023-12');
  expect(v.latest!.value).toBe(vso.get('2023-12'));
  expect(v.latest!.rate).toBeCloseTo((vso.get('2023-12')! / populationOf('E07000088', 2023)) * 1000, 9);
  expect(v.changePercent).toBeCloseTo(((vso.get('2023-12')! - vso.get('2022-12')!) / vso.get('2022-12')!) * 100, 9);
  const a = byCode.get('police.anti-social-behaviour')!;
  expect(a.latest!.value).toBe(asb.get('2023-12'));
  expect(a.changePercent).toBeCloseTo(((asb.get('2023-12')! - asb.get('2022-12')!) / asb.get('2022-12')!) * 100, 9);
  expect(['COMMON_CAUSE', 'IMPROVEMENT', 'CONCERN']).toContain(a.variation);
  // A figure the plan quotes once: latest, but no change and too little for SPC.
  const share = byCode.get('quoted.domestic-abuse-share-of-crime')!;
  expect(share).toMatchObject({
    latest: { period: '2019/20', value: 13 },
    changePercent: null,
    variation: 'INSUFFICIENT_DATA',
  });
});

/** The body after checking it starts with a UTF-8 byte order mark (fetch's text() would hide it). */
async function csvBody(res: Response): Promise<string> {
  const bytes = Buffer.from(await res.arrayBuffer());
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  return bytes.toString('utf8', 3);
}

test('CSV export of a series: Excel-ready (BOM, CRLF, one header row, ISO dates), gaps as rows with a note', async () => {
  const res = await fetch(
    `${t.url}/export/series.csv?measure=police.violence-and-sexual-offences&area=E07000088&from=2021-01&to=2023-12`,
  );
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
  expect(res.headers.get('content-disposition')).toBe(
    'attachment; filename="series-police.violence-and-sexual-offences-E07000088.csv"',
  );
  const text = await csvBody(res);
  expect(
    text.startsWith(
      'measure,measure_name,unit,area_or_partnership,frequency,period,period_start,period_end,value,numerator,denominator,rate,note\r\n',
    ),
  ).toBe(true);
  const rows = text
    .trimEnd()
    .split('\r\n')
    .slice(1)
    .map((l) => l.split(','));
  expect(rows).toHaveLength(36);
  const vso = countRows(['Gosport'], 'Violence and sexual offences');
  const jul = rows.find((r) => r[5] === '2023-07')!;
  expect(jul.slice(0, 9)).toEqual([
    'police.violence-and-sexual-offences',
    'Violence and sexual offences',
    'COUNT',
    'E07000088',
    'MONTH',
    '2023-07',
    '2023-07-01',
    '2023-07-31',
    String(vso.get('2023-07')),
  ]);

  const fy = await csvBody(
    await fetch(
      `${t.url}/export/series.csv?measure=police.all-crime&partnership=safer-north-hampshire&frequency=FINANCIAL_YEAR`,
    ),
  );
  const fyRows = fy.trimEnd().split('\r\n').slice(1);
  expect(fyRows.map((l) => l.split(',')[5])).toEqual(['2020/21', '2021/22', '2022/23', '2023/24']);
  expect(fyRows[0]).toMatch(/,"gap: incomplete: no figure for 2020-04, .*2020-12"$/); // quoted: it holds commas
});

test('CSV export of observations, filtered as in GraphQL; bad requests get a JSON error with a code', async () => {
  const text = await csvBody(
    await fetch(`${t.url}/export/observations.csv?area=E07000088&measure=police.all-crime&from=2023-01&to=2023-12`),
  );
  const lines = text.trimEnd().split('\r\n');
  expect(lines[0]).toBe(
    'measure,area,period,frequency,period_start,period_end,value,numerator,denominator,lower_ci_95,upper_ci_95,suppressed,note,dataset,ingest_run,source_document,source_url,retrieved_at,source,conflict',
  );
  expect(lines).toHaveLength(13);
  const all = countRows(['Gosport'], null);
  const row = lines
    .slice(1)
    .map((l) => l.split(','))
    .find((r) => r[2] === '2023-03')!;
  expect(row[6]).toBe(String(all.get('2023-03')));
  expect(row[17]).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);

  const partnership = await csvBody(
    await fetch(
      `${t.url}/export/observations.csv?partnership=safer-north-hampshire&measure=police.burglary&from=2022-01&to=2022-12`,
    ),
  );
  expect(partnership.trimEnd().split('\r\n')).toHaveLength(1 + 3 * 12);

  const missing = await fetch(`${t.url}/export/series.csv?area=E07000088`);
  expect(missing.status).toBe(400);
  expect(await missing.json()).toEqual({
    errors: [{ message: '"measure" is required.', extensions: { code: 'BAD_USER_INPUT', argument: 'measure' } }],
  });
  const unknown = await fetch(`${t.url}/export/observations.csv?partnership=atlantis`);
  expect(unknown.status).toBe(404);
  const badPeriod = await fetch(`${t.url}/export/observations.csv?area=E07000088&from=2023-13`);
  expect((await badPeriod.json()) as unknown).toMatchObject({ errors: [{ extensions: { code: 'BAD_USER_INPUT' } }] });
});

test('alerts: the planted spike in Gosport violence was recorded once, as a concern, after the ingest that revealed it', async () => {
  const res = await t.gql<{
    alerts: Array<{
      rule: string;
      direction: string;
      variation: string;
      firstPeriod: string;
      period: string;
      area: string;
      value: number;
      priority: { code: string };
      measure: { code: string };
      partnership: { slug: string };
    }>;
  }>(
    '{ alerts(partnership: "gosport") { rule direction variation firstPeriod period area value priority { code } measure { code } partnership { slug } } }',
  );
  expect(res.body.errors).toBeUndefined();
  const spike = res.body.data!.alerts.filter(
    (a) =>
      a.measure.code === 'police.violence-and-sexual-offences' &&
      a.rule === 'OUTSIDE_LIMITS' &&
      a.firstPeriod === '2023-07',
  );
  expect(spike).toEqual([
    {
      rule: 'OUTSIDE_LIMITS',
      direction: 'HIGH',
      variation: 'CONCERN',
      firstPeriod: '2023-07',
      period: '2023-07',
      area: 'E07000088',
      value: countRows(['Gosport'], 'Violence and sexual offences').get('2023-07'),
      priority: { code: '1' },
      measure: { code: 'police.violence-and-sexual-offences' },
      partnership: { slug: 'gosport' },
    },
  ]);
  // Detecting again over the same figures records nothing new.
  const again = await t.hub.dataSource.manager.count('alert');
  const { AlertService } = await import('../../src/services/alert.service');
  const { SeriesService } = await import('../../src/services/series.service');
  const { silentLogger } = await import('../../src/logging/logger');
  expect(
    await new AlertService(t.hub.dataSource, new SeriesService(t.hub.dataSource)).detect(
      ['police.violence-and-sexual-offences', 'police.anti-social-behaviour'],
      null,
      silentLogger,
    ),
  ).toBe(0);
  expect(await t.hub.dataSource.manager.count('alert')).toBe(again);

  const future = await t.gql<{ alerts: unknown[] }>(
    '{ alerts(partnership: "gosport", since: "2999-01-01T00:00:00Z") { rule } }',
  );
  expect(future.body.data!.alerts).toEqual([]);
  const unknown = await t.gql('{ alerts(partnership: "atlantis") { rule } }');
  expect(unknown.body.errors![0]!.extensions!.code).toBe('NOT_FOUND');
});

test('comparison: Gosport against its parents and the other partnerships, with Byar intervals worked here', async () => {
  const res = await t.gql<{
    comparison: {
      method: string;
      frequency: string;
      subject: { label: string; value: number; population: number; rate: number; lowerCi: number; upperCi: number };
      comparators: Array<{
        kind: string;
        label: string;
        value: number | null;
        rate: number | null;
        lowerCi: number | null;
        upperCi: number | null;
        subjectIs: string;
        note: string | null;
      }>;
    };
  }>(
    '{ comparison(measure: "police.all-crime", period: "2023", area: "E07000088") { method frequency subject { label value population rate lowerCi upperCi } comparators { kind label value rate lowerCi upperCi subjectIs note } } }',
  );
  expect(res.body.errors).toBeUndefined();
  const c = res.body.data!.comparison;
  expect(c.frequency).toBe('YEAR');
  expect(c.method).toContain("Byar's method");
  const count = (districts: string[]): number =>
    [...countRows(districts, null)].filter(([m]) => m.startsWith('2023-')).reduce((n, [, v]) => n + v, 0);
  const byar = (o: number, pop: number): [number, number] => {
    const z = 1.959963984540054;
    const lo = o * (1 - 1 / (9 * o) - z / (3 * Math.sqrt(o))) ** 3;
    const hi = (o + 1) * (1 - 1 / (9 * (o + 1)) + z / (3 * Math.sqrt(o + 1))) ** 3;
    return [(lo / pop) * 1000, (hi / pop) * 1000];
  };
  const gosport = count(['Gosport']);
  const gosportPop = populationOf('E07000088', 2023);
  expect(c.subject).toMatchObject({ label: 'Gosport', value: gosport, population: gosportPop });
  expect(c.subject.rate).toBeCloseTo((gosport / gosportPop) * 1000, 9);
  const [lo, hi] = byar(gosport, gosportPop);
  expect(c.subject.lowerCi).toBeCloseTo(lo, 9);
  expect(c.subject.upperCi).toBeCloseTo(hi, 9);

  // The samples hold only the partnerships' districts: Hampshire county, the force, the fire
  // authority and England have no complete figure, and say so.
  const parents = c.comparators.filter((r) => r.kind === 'PARENT');
  expect(parents.map((r) => r.label).sort()).toEqual([
    'England',
    'Hampshire',
    'Hampshire',
    'Hampshire and Isle of Wight',
  ]);
  expect(parents.every((r) => r.value === null && r.subjectIs === 'NOT_COMPARED' && r.note)).toBe(true);

  const snh = c.comparators.find((r) => r.label === 'Safer North Hampshire')!;
  const snhCount = count(['Basingstoke and Deane', 'Hart', 'Rushmoor']);
  const snhPop = ['E07000084', 'E07000089', 'E07000092'].reduce((n, code) => n + populationOf(code, 2023), 0);
  expect(snh.value).toBe(snhCount);
  const [slo, shi] = byar(snhCount, snhPop);
  expect(snh.lowerCi).toBeCloseTo(slo, 9);
  expect(snh.upperCi).toBeCloseTo(shi, 9);
  expect(snh.subjectIs).toBe(lo > shi ? 'HIGHER' : hi < slo ? 'LOWER' : 'SIMILAR');
  expect(
    c.comparators
      .filter((r) => r.kind === 'PARTNERSHIP')
      .map((r) => r.label)
      .sort(),
  ).toEqual(['Safer Gloucester', 'Safer North Hampshire', 'Safer Portsmouth Partnership']);
});

test('comparison arguments: one of area and partnership, a real period', async () => {
  const bad = await t.gql(
    '{ comparison(measure: "police.all-crime", period: "2023-13", partnership: "gosport") { period } }',
  );
  expect(bad.body.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'period' });
  const both = await t.gql('{ comparison(measure: "police.all-crime", period: "2023") { period } }');
  expect(both.body.errors![0]!.message).toBe('Give exactly one of "area" and "partnership".');
});

test('Scorecard for a partnership of three districts: latest figures are the sums of its districts', async () => {
  const res = await t.gql<ScorecardData>(
    '{ partnership(slug: "safer-north-hampshire") { name scorecard { plan { title } priorities { priority { code } measures { measure { code } latest { period value } changePercent variation } actions { total done overdue } } } } }',
  );
  expect(res.body.errors).toBeUndefined();
  const card = res.body.data!.partnership.scorecard;
  expect(card.plan.title).toBe('Partnership Plan 2020-23');
  const asb = card.priorities[1]!.measures.find((m) => m.measure.code === 'police.anti-social-behaviour')!;
  const rows = countRows(['Basingstoke and Deane', 'Hart', 'Rushmoor'], 'Anti-social behaviour');
  expect(asb.latest).toEqual({ period: '2023-12', value: rows.get('2023-12') });
  expect(asb.changePercent).toBeCloseTo(
    ((rows.get('2023-12')! - rows.get('2022-12')!) / rows.get('2022-12')!) * 100,
    9,
  );
  // Hospital admissions for violence are published for counties, not these districts: no figure.
  const admissions = card.priorities[0]!.measures.find((m) => m.measure.code === 'fingertips.11201');
  expect(admissions).toMatchObject({ latest: null, changePercent: null, variation: 'INSUFFICIENT_DATA' });
});

test('stored scorecard figures are the figures charted live, for every partnership, with and without a key', async () => {
  const query =
    '{ partnerships { slug scorecard { priorities { measures { measure { code } polarity latest { period value numerator denominator rate } yearEarlier { period value } changePercent variation points withheld } } } } }';
  const { key } = await createKey(t.hub.dataSource, 'hampshire-constabulary', 'scorecard test', 'hub');
  const ask = async (withKey: boolean): Promise<unknown> => {
    const res = await fetch(`${t.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(withKey ? { authorization: `Bearer ${key}` } : {}) },
      body: JSON.stringify({ query }),
    });
    const body = (await res.json()) as { data: unknown; errors?: unknown };
    expect(body.errors).toBeUndefined();
    return body.data;
  };
  const stored = [await ask(false), await ask(true)];
  expect(JSON.stringify(stored[0])).toContain('"withheld":true');
  expect(JSON.stringify(stored[1])).not.toEqual(JSON.stringify(stored[0]));
  await t.hub.figuresChanged.summaries().forget(null);
  expect(await ask(false)).toEqual(stored[0]);
  expect(await ask(true)).toEqual(stored[1]);
  await t.hub.figuresChanged.reference();
});

// Last: it adds links and a year of figures to this store.
test('a scorecard costs the same SQL statements with 3 measures as with 15, and with 36 months as with 48', async () => {
  const query =
    '{ partnership(slug: "gosport") { scorecard { priorities { measures { measure { code } latest { value } changePercent variation } actions { total } } } } }';
  await t.gql<ScorecardData>(query); // the plan graph read, if anything changed it
  const before = await t.gql<ScorecardData>(query);
  const few = before.body.extensions!.sqlStatements;
  expect(few).toBe(2); // the plan graph's token and the partnership's stored summaries
  const m = t.hub.dataSource.manager;
  const codes = [
    'burglary',
    'robbery',
    'drugs',
    'shoplifting',
    'vehicle-crime',
    'public-order',
    'other-theft',
    'bicycle-theft',
    'criminal-damage-and-arson',
    'possession-of-weapons',
    'theft-from-the-person',
    'other-crime',
  ];
  await m.query(
    `INSERT INTO measure_link (id, measure_code, partnership_slug, priority_id, objective_id, label, basis, note, polarity, target, position) VALUES ${codes.map((_, i) => (m.connection.options.type === 'postgres' ? `($${i * 2 + 1}, $${i * 2 + 2}, 'gosport', 'gosport-2020-21/3', NULL, NULL, 'HUB', NULL, NULL, NULL, ${i})` : `(?, ?, 'gosport', 'gosport-2020-21/3', NULL, NULL, 'HUB', NULL, NULL, NULL, ${i})`)).join(', ')}`,
    codes.flatMap((c) => [`test/${c}`, `police.${c}`]),
  );
  // A fourth year of months for Gosport violence.
  const extra = Array.from({ length: 12 }, (_, i) => `2020-${String(i + 1).padStart(2, '0')}`);
  for (const period of extra) {
    await m.insert('observation', {
      measureCode: 'police.violence-and-sexual-offences',
      areaCode: 'E07000088',
      period,
      frequency: 'MONTH',
      periodStart: `${period}-01`,
      periodEnd: `${period}-28`,
      value: 150,
      numerator: null,
      denominator: null,
      lowerCi: null,
      upperCi: null,
      suppressed: false,
      note: null,
      datasetId: 'police-street',
      ingestRunId: null,
      sourceDocument: null,
      sourceUrl: null,
      retrievedAt: new Date(),
      updatedAt: new Date(),
    });
  }
  // Changed behind the hub's back: the plan graph is read again (its tables and its token), and
  // the new links have no stored summary yet, so they are charted live, in two statements more
  // (their rows and the population), however many they are.
  const live = await t.gql<ScorecardData>(query);
  expect(live.body.errors).toBeUndefined();
  expect(live.body.data!.partnership.scorecard.priorities[2]!.measures).toHaveLength(12);
  expect(live.body.extensions!.sqlStatements).toBe(few! + GRAPH_READ_STATEMENTS + 2);
  // Once worked out, as the hub does after any change, they come from the summaries.
  await t.hub.figuresChanged.reference();
  const after = await t.gql<ScorecardData>(query);
  expect(after.body.data).toEqual(live.body.data);
  expect(after.body.extensions!.sqlStatements).toBe(few);
});
