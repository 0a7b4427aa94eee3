import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { SAMPLES_DIR } from '../../jobs/samples/generate-samples';
import { startTestHub, type TestHub } from '../helpers/test-hub';

// The real geography and populations over HTTP. Expected values come from the shipped files,
// read here with plain string handling (not the hub's readers), and from reading the lookups by
// hand: Gosport (E07000088) is in Gosport CSP (E22000113) and Hampshire police force area
// (E23000030) in the 2017 lookup, in Hampshire fire authority E31000017 in the 2019 lookup,
// which became Hampshire and Isle of Wight (E31000048) in April 2021; Cardiff (W06000015) is in
// Cardiff CSP (W14000015) and South Wales police (W15000003), and South Wales Fire and Rescue
// covers it (W25000003); Gosport's mid-2019 population is 84,838, LSOA Gosport 001C's 1,512.

const DATA = join(__dirname, '..', '..', 'data');

let t: TestHub;
beforeAll(async () => {
  t = await startTestHub({ ingestOnStart: true });
}, 180_000);
afterAll(async () => {
  await t.stop();
});

/** The LSOA lookup's rows, split by hand: no field before lad_code holds a comma. */
function lsoaLookup(): Array<{ lsoa: string; lad: string }> {
  const text = gunzipSync(readFileSync(join(DATA, 'geography', 'lsoa11-msoa11-lad19-england-wales.csv.gz'))).toString();
  return text
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => {
      const f = line.split(',');
      return { lsoa: f[0]!, lad: f[4]! };
    });
}

interface AreaNode {
  code: string;
  name: string;
  vintage: number | null;
  parents: Array<{ code: string; type: string }>;
}

async function allDistricts(): Promise<AreaNode[]> {
  const out: AreaNode[] = [];
  let after: string | null = null;
  for (;;) {
    const res: Awaited<ReturnType<TestHub['gql']>> = await t.gql(
      `query($after: String) { areas(type: DISTRICT, first: 100, after: $after) {
        totalCount edges { node { code name vintage parents { code type } } } pageInfo { hasNextPage endCursor } } }`,
      { after },
    );
    expect(res.body.errors).toBeUndefined();
    const page = (
      res.body.data as {
        areas: { edges: Array<{ node: AreaNode }>; pageInfo: { hasNextPage: boolean; endCursor: string } };
      }
    ).areas;
    out.push(...page.edges.map((e) => e.node));
    if (!page.pageInfo.hasNextPage) return out;
    after = page.pageInfo.endCursor;
  }
}

test('every LSOA of England and Wales is an area: 34,753, each of 2011', async () => {
  const res = await t.gql<{ areas: { totalCount: number; edges: Array<{ node: { vintage: number } }> } }>(
    '{ areas(type: LSOA, first: 5) { totalCount edges { node { vintage } } } }',
  );
  expect(res.body.errors).toBeUndefined();
  expect(lsoaLookup()).toHaveLength(34_753);
  expect(res.body.data!.areas.totalCount).toBe(34_753);
  expect(res.body.data!.areas.edges.map((e) => e.node.vintage)).toEqual([2011, 2011, 2011, 2011, 2011]);
  const msoas = await t.gql<{ areas: { totalCount: number } }>('{ areas(type: MSOA) { totalCount } }');
  expect(msoas.body.data!.areas.totalCount).toBe(7_201);
});

test('every district has its police force area and fire authority; all but the two merged across partnerships have their partnership', async () => {
  const districts = await allDistricts();
  const inFile = new Set(lsoaLookup().map((r) => r.lad));
  expect(inFile.size).toBe(339);
  expect(districts.map((d) => d.code).sort()).toEqual([...inFile].sort());
  const ofType = (d: AreaNode, type: string): string[] => d.parents.filter((p) => p.type === type).map((p) => p.code);
  for (const d of districts) {
    expect([d.code, ofType(d, 'POLICE_FORCE_AREA').length]).toEqual([d.code, 1]);
    expect([d.code, ofType(d, 'FIRE_AND_RESCUE_AUTHORITY').length]).toEqual([d.code, 1]);
    expect(d.vintage).toBe(2019);
  }
  // Bournemouth, Christchurch and Poole, and East Suffolk, were formed in 2019 from districts of
  // different 2017 partnerships: no partnership holds either whole.
  const without = districts.filter((d) => ofType(d, 'COMMUNITY_SAFETY_PARTNERSHIP').length !== 1).map((d) => d.code);
  expect(without.sort()).toEqual(['E06000058', 'E07000244']);

  const byCode = new Map(districts.map((d) => [d.code, d]));
  const parents = (code: string): string[] =>
    byCode
      .get(code)!
      .parents.map((p) => p.code)
      .sort();
  expect(parents('E07000088')).toEqual(['E10000014', 'E22000113', 'E23000030', 'E31000048']); // Gosport
  expect(parents('W06000015')).toEqual(['W14000015', 'W15000003', 'W25000003', 'W92000004']); // Cardiff
  // Dorset (2019) was East, North and West Dorset, Purbeck, and Weymouth and Portland: all in Dorset CSP.
  expect(ofType(byCode.get('E06000059')!, 'COMMUNITY_SAFETY_PARTNERSHIP')).toEqual(['E22000367']);
});

test("a merged district's LSOAs are each in their own 2017 partnership", async () => {
  const res = await t.gql<{
    bournemouth: { name: string; parents: Array<{ code: string }> };
    christchurch: { name: string; parents: Array<{ code: string }> };
  }>(`{
    bournemouth: area(code: "E01015272") { name parents { code } }
    christchurch: area(code: "E01020343") { name parents { code } }
  }`);
  expect(res.body.errors).toBeUndefined();
  expect(res.body.data!.bournemouth.name).toBe('Bournemouth 016A');
  expect(res.body.data!.bournemouth.parents.map((p) => p.code).sort()).toEqual(['E02003187', 'E06000058', 'E22000063']);
  expect(res.body.data!.christchurch.name).toBe('Christchurch 001A');
  expect(res.body.data!.christchurch.parents.map((p) => p.code)).toContain('E22000367');
});

test('the four partnerships are their ONS partnership areas, with their districts', async () => {
  const res = await t.gql<{
    partnerships: Array<{
      slug: string;
      area: { code: string; type: string; vintage: number; children: Array<{ code: string; type: string }> } | null;
    }>;
  }>('{ partnerships { slug area { code type vintage children { code type } } } }');
  expect(res.body.errors).toBeUndefined();
  const areas = Object.fromEntries(
    res.body.data!.partnerships.map((p) => [
      p.slug,
      p.area && {
        code: p.area.code,
        type: p.area.type,
        vintage: p.area.vintage,
        districts: p.area.children
          .filter((c) => c.type === 'DISTRICT')
          .map((c) => c.code)
          .sort(),
      },
    ]),
  );
  const csp = { type: 'COMMUNITY_SAFETY_PARTNERSHIP', vintage: 2017 };
  expect(areas).toEqual({
    gosport: { ...csp, code: 'E22000113', districts: ['E07000088'] },
    'safer-north-hampshire': { ...csp, code: 'E22000374', districts: ['E07000084', 'E07000089', 'E07000092'] },
    'safer-portsmouth': { ...csp, code: 'E22000118', districts: ['E06000044'] },
    'safer-gloucester': { ...csp, code: 'E22000096', districts: ['E07000081'] },
  });
});

/** Rows of the sample street files for the month whose LSOA code or LSOA name matches. */
function sampleRows(month: string, match: (lsoaCode: string, lsoaName: string) => boolean): number {
  const dir = join(SAMPLES_DIR, 'police-street');
  return readdirSync(dir)
    .filter((f) => f.startsWith(month))
    .flatMap((f) => readFileSync(join(dir, f), 'utf8').split(/\r?\n/).slice(1))
    .filter((line) => {
      const f = line.split(',');
      return f.length === 12 && match(f[7]!, f[8]!);
    }).length;
}

test('rates per 1,000 rest on the real mid-2019 population, for a district and for one of its LSOAs', async () => {
  const res = await t.gql<{
    gosport: { population: { period: string; value: number } };
    district: { points: Array<{ period: string; value: number; denominator: number; rate: number }> };
    lsoa: { points: Array<{ period: string; value: number; denominator: number; rate: number }> };
    cardiff: { population: { period: string; value: number } };
  }>(`{
    gosport: area(code: "E07000088") { population { period value } }
    cardiff: area(code: "W06000015") { population { period value } }
    district: series(measure: "police.all-crime", area: "E07000088", from: "2022-01", to: "2022-01") { points { period value denominator rate } }
    lsoa: series(measure: "police.all-crime", area: "E01022802", from: "2022-01", to: "2022-01") { points { period value denominator rate } }
  }`);
  expect(res.body.errors).toBeUndefined();
  const d = res.body.data!;
  expect(d.gosport.population).toEqual({ period: '2019', value: 84_838 });
  expect(d.cardiff.population).toEqual({ period: '2019', value: 366_903 });

  const gosport = sampleRows('2022-01', (_code, name) => name.startsWith('Gosport '));
  expect(gosport).toBeGreaterThan(500);
  expect(d.district.points).toEqual([
    { period: '2022-01', value: gosport, denominator: 84_838, rate: (gosport / 84_838) * 1000 },
  ]);
  const lsoa = sampleRows('2022-01', (code) => code === 'E01022802');
  expect(d.lsoa.points).toEqual([{ period: '2022-01', value: lsoa, denominator: 1_512, rate: (lsoa / 1_512) * 1000 }]);
});
