import { createWriteStream, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { ZipFile } from 'yazl';
import { nationalMonth } from '../../jobs/samples/national-police.sample';
import { POLICE_MONTH_2017_03, POLICE_SAMPLE } from '../helpers/fixtures';
import { ingestCli } from '../helpers/ingest-cli';
import { startTestHub, type TestHub } from '../helpers/test-hub';

// data.police.uk's monthly archive as the police-street connector takes it: one zip holding
// YYYY-MM/YYYY-MM-<force>-street.csv for each force, read in one run. Here: real Hampshire
// files (the whole of March 2017, and 200 of February 2022's crimes), Gloucestershire months
// written below with real LSOAs (codes and names from ONS's LSOA 2011 to LAD 2019 lookup), and
// British Transport Police. The expected counts are tallied from the files in this test, by the district part of
// each row's LSOA name, not by the hub's code.

const HEADER =
  'Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context';

// Real LSOAs of the four Gloucestershire districts used (lsoa11-msoa11-lad19-england-wales.csv).
const GLOUCESTERSHIRE_LSOAS: Array<[string, string]> = [
  ['E01022100', 'Cheltenham 008A'],
  ['E01022140', 'Cheltenham 008D'],
  ['E01022281', 'Gloucester 010D'],
  ['E01022321', 'Gloucester 011C'],
  ['E01022357', 'Stroud 004C'],
  ['E01022438', 'Tewkesbury 005F'],
];
const TYPES = ['Burglary', 'Violence and sexual offences', 'Anti-social behaviour', 'Vehicle crime'];

const DISTRICT_CODES: Record<string, string> = {
  Cheltenham: 'E07000078',
  Gloucester: 'E07000081',
  Stroud: 'E07000082',
  Tewkesbury: 'E07000083',
  'Basingstoke and Deane': 'E07000084',
  'East Hampshire': 'E07000085',
  Eastleigh: 'E07000086',
  Fareham: 'E07000087',
  Gosport: 'E07000088',
  Hart: 'E07000089',
  Havant: 'E07000090',
  'New Forest': 'E07000091',
  Rushmoor: 'E07000092',
  'Test Valley': 'E07000093',
  Winchester: 'E07000094',
  Portsmouth: 'E06000044',
  Southampton: 'E06000045',
  'Isle of Wight': 'E06000046',
};

/** Crimes per district, from the LSOA name column (its last word is the LSOA's own part). */
function tallyByDistrict(csv: string, force: 'Hampshire' | 'Gloucestershire'): Map<string, number> {
  const counts = new Map<string, number>();
  const own =
    force === 'Hampshire'
      ? Object.keys(DISTRICT_CODES).filter((d) => !['Cheltenham', 'Gloucester', 'Stroud', 'Tewkesbury'].includes(d))
      : ['Cheltenham', 'Gloucester', 'Stroud', 'Tewkesbury'];
  for (const line of csv.split(/\r?\n/).slice(1)) {
    if (!line) continue;
    // The excerpt quotes no field holding a comma before the LSOA name, so a split finds it.
    const name = line.split(',')[8] ?? '';
    const district = name.replace(/\s+\S+$/, '');
    if (!own.includes(district)) continue; // outside the force: its total only
    counts.set(DISTRICT_CODES[district]!, (counts.get(DISTRICT_CODES[district]!) ?? 0) + 1);
  }
  return counts;
}

function gloucestershireMonth(month = '2022-02'): string {
  const rows = [HEADER];
  for (let i = 0; i < 57; i += 1) {
    const [code, name] = GLOUCESTERSHIRE_LSOAS[(i * 5) % GLOUCESTERSHIRE_LSOAS.length]!;
    rows.push(
      `g${i},${month},Gloucestershire Constabulary,Gloucestershire Constabulary,-2.1,51.9,On or near Test Street,${code},${name},${TYPES[i % TYPES.length]},Under investigation,`,
    );
  }
  // Three crimes located to the force only (no LSOA): the force total counts them.
  for (let i = 0; i < 3; i += 1)
    rows.push(`n${i},${month},Gloucestershire Constabulary,Gloucestershire Constabulary,,,No location,,,Burglary,,`);
  return `${rows.join('\r\n')}\r\n`;
}

function btpMonth(): string {
  const rows = [HEADER];
  for (let i = 0; i < 7; i += 1)
    rows.push(
      `b${i},2022-02,British Transport Police,British Transport Police,-1.09,50.79,On or near Station,E01022281,Gloucester 010D,Public order,,`,
    );
  return `${rows.join('\n')}\n`;
}

async function writeZip(path: string, entries: Array<[string, string | Buffer]>): Promise<void> {
  const z = new ZipFile();
  for (const [name, body] of entries) z.addBuffer(Buffer.isBuffer(body) ? body : Buffer.from(body), name);
  z.end();
  await new Promise<void>((resolve, reject) => {
    z.outputStream.pipe(createWriteStream(path)).on('close', resolve).on('error', reject);
  });
}

let t: TestHub;
let dir: string;
const hampshire = readFileSync(POLICE_SAMPLE, 'utf8').replace(/^\uFEFF/, '');
const gloucestershire = gloucestershireMonth();

beforeAll(async () => {
  t = await startTestHub();
  dir = mkdtempSync(join(tmpdir(), 'police-archive-'));
});
afterAll(async () => {
  await t.stop();
  rmSync(dir, { recursive: true, force: true });
});

interface Run {
  source: string;
  status: string;
  rowsRead: number;
  notes: string[];
  error: string | null;
}

async function lastRun(): Promise<Run> {
  const r = await t.gql<{ ingestRuns: { edges: Array<{ node: Run }> } }>(
    '{ ingestRuns(dataset: "police-street", first: 1) { edges { node { source status rowsRead notes error } } } }',
  );
  if (!r.body.data) throw new Error(JSON.stringify(r.body));
  return r.body.data.ingestRuns.edges[0]!.node;
}

/** Each area's all-crime figure for the month (2022-02 unless given), or null when it has none. */
async function allCrime(areas: string[], month = '2022-02'): Promise<Record<string, number | null>> {
  const out: Record<string, number | null> = {};
  for (const area of areas) {
    const r = await t.gql<{ series: { points: Array<{ value: number }> } }>(
      `{ series(measure: "police.all-crime", area: "${area}", from: "${month}", to: "${month}", frequency: MONTH) { points { value } } }`,
    );
    out[area] = r.body.data?.series.points[0]?.value ?? null;
  }
  return out;
}

test('a two-force archive with British Transport Police ingests in one run: each district as the files tally it, no national total, and notes saying why', async () => {
  const archive = join(dir, '2022-02.zip');
  await writeZip(archive, [
    ['2022-02/2022-02-hampshire-street.csv', hampshire],
    ['2022-02/2022-02-gloucestershire-street.csv.gz', gzipSync(gloucestershire)],
    ['2022-02/2022-02-btp-street.csv', btpMonth()],
    ['2022-02/2022-02-hampshire-outcomes.csv', 'not a street file: passed over'],
  ]);
  const cli = await ingestCli(t.store, 'police-street', '--file', archive);
  expect(cli.code).toBe(0);

  const run = await lastRun();
  expect([run.source, run.status, run.rowsRead, run.error]).toEqual(['2022-02.zip', 'SUCCEEDED', 200 + 60 + 7, null]);
  expect(run.notes).toEqual([
    "2022-02-btp-street.csv: 7 crimes recorded by British Transport Police, which polices no area of its own, counted towards no area's total",
    'no region, country or England and Wales totals for 2022-02: no file from 41 of the 43 territorial forces (avon-and-somerset, bedfordshire, cambridgeshire, cheshire, city-of-london, cleveland, cumbria, derbyshire, devon-and-cornwall, dorset, durham, dyfed-powys, essex, greater-manchester, gwent, hertfordshire, humberside, kent, lancashire, leicestershire, lincolnshire, merseyside, metropolitan, norfolk, north-wales, north-yorkshire, northamptonshire, northumbria, nottinghamshire, south-wales, south-yorkshire, staffordshire, suffolk, surrey, sussex, thames-valley, warwickshire, west-mercia, west-midlands, west-yorkshire, wiltshire)',
  ]);

  const expected = new Map([
    ...tallyByDistrict(hampshire, 'Hampshire'),
    ...tallyByDistrict(gloucestershire, 'Gloucestershire'),
  ]);
  // By hand: Gosport 32 (as the README and the federation test count the excerpt); the
  // Gloucestershire month's crime i lies in LSOA (5i mod 6), a Gloucester one for i mod 6 = 3
  // or 4: twice in each of the 9 whole cycles of its 57 crimes, 18.
  expect(expected.get('E07000088')).toBe(32);
  expect(expected.get('E07000081')).toBe(18);
  const codes = [...expected.keys()].sort();
  expect(await allCrime(codes)).toEqual(Object.fromEntries(codes.map((c) => [c, expected.get(c)])));
  // Each force's total is every row of its file, British Transport Police's in neither.
  expect(await allCrime(['E23000030', 'E23000037'])).toEqual({ E23000030: 200, E23000037: 60 });
  // The South East, England, and England and Wales: no figure at all, never a part-total.
  expect(await allCrime(['E12000008', 'E92000001', 'K04000001'])).toEqual({
    E12000008: null,
    E92000001: null,
    K04000001: null,
  });
});

test('a whole real Hampshire month and a generated Gloucestershire month in one archive: each district, partnership and force as the files tally', async () => {
  // March 2017 as data.police.uk published it (test/fixtures/README.md): 17,932 crimes, CRLF,
  // one with no LSOA, 37 in LSOAs of ten neighbouring districts (Christchurch's among them).
  const real = gunzipSync(readFileSync(POLICE_MONTH_2017_03)).toString('utf8');
  const march = gloucestershireMonth('2017-03');
  const archive = join(dir, '2017-03.zip');
  await writeZip(archive, [
    ['2017-03/2017-03-hampshire-street.csv', real],
    ['2017-03/2017-03-gloucestershire-street.csv', march],
  ]);
  expect((await ingestCli(t.store, 'police-street', '--file', archive)).code).toBe(0);
  const run = await lastRun();
  expect([run.source, run.status, run.rowsRead, run.error]).toEqual(['2017-03.zip', 'SUCCEEDED', 17_932 + 60, null]);
  expect(run.notes).toHaveLength(1);
  expect(run.notes[0]).toMatch(
    /^no region, country or England and Wales totals for 2017-03: no file from 41 of the 43/,
  );

  const expected = new Map([...tallyByDistrict(real, 'Hampshire'), ...tallyByDistrict(march, 'Gloucestershire')]);
  // By hand from the published file (cut -d, -f9 | sort | uniq -c on the LSOA names):
  // Southampton 3,788, Portsmouth 3,181, Basingstoke and Deane 1,476, Gosport 815, Hart 429,
  // Rushmoor 854; the 14 Hampshire districts 17,894 together.
  expect([expected.get('E06000045'), expected.get('E06000044'), expected.get('E07000088')]).toEqual([
    3_788, 3_181, 815,
  ]);
  const hampshireDistricts = [...tallyByDistrict(real, 'Hampshire').values()].reduce((a, b) => a + b, 0);
  expect(hampshireDistricts).toBe(17_894);
  const codes = [...expected.keys()].sort();
  expect(codes).toHaveLength(18);
  expect(await allCrime(codes, '2017-03')).toEqual(Object.fromEntries(codes.map((c) => [c, expected.get(c)])));

  // The partnerships of the plans: Gosport, Portsmouth, and Safer North Hampshire (Basingstoke
  // and Deane 1,476 + Hart 429 + Rushmoor 854); each force every row of its file, the crime
  // with no LSOA and the 37 outside the force's districts included; no South East or England.
  expect(
    await allCrime(
      ['E22000113', 'E22000118', 'E22000374', 'E23000030', 'E23000037', 'E12000008', 'E92000001'],
      '2017-03',
    ),
  ).toEqual({
    E22000113: 815,
    E22000118: 3_181,
    E22000374: 2_759,
    E23000030: 17_932,
    E23000037: 60,
    E12000008: null,
    E92000001: null,
  });
  // Two LSOAs by crime type, counted with awk on the published file: Southampton 023D
  // (E01017140) 374 crimes, 120 of them anti-social behaviour and 90 shoplifting; Portsmouth
  // 016B (E01017032) 259, with no possession of weapons: a zero, not a missing figure.
  const figure = async (measure: string, area: string): Promise<number | null> => {
    const r = await t.gql<{ series: { points: Array<{ value: number }> } }>(
      `{ series(measure: "${measure}", area: "${area}", from: "2017-03", to: "2017-03", frequency: MONTH) { points { value } } }`,
    );
    return r.body.data?.series.points[0]?.value ?? null;
  };
  expect([
    await figure('police.all-crime', 'E01017140'),
    await figure('police.anti-social-behaviour', 'E01017140'),
    await figure('police.shoplifting', 'E01017140'),
    await figure('police.all-crime', 'E01017032'),
    await figure('police.possession-of-weapons', 'E01017032'),
  ]).toEqual([374, 120, 90, 259, 0]);
}, 60_000);

test('a folder of force files is read a month at a time; two files of one force and month are refused', async () => {
  const folder = join(dir, 'unpacked');
  mkdirSync(join(folder, '2022-02'), { recursive: true });
  writeFileSync(join(folder, '2022-02', '2022-02-gloucestershire-street.csv'), gloucestershire);
  writeFileSync(join(folder, '2022-02', '2022-02-btp-street.csv.gz'), gzipSync(btpMonth()));
  const cli = await ingestCli(t.store, 'police-street', '--folder', folder);
  expect(cli.code).toBe(0);
  const run = await lastRun();
  expect([run.source, run.status, run.rowsRead]).toEqual(['unpacked 2022-02', 'SUCCEEDED', 67]);

  const twice = join(dir, 'twice.zip');
  await writeZip(twice, [
    ['2022-02/2022-02-gloucestershire-street.csv', gloucestershire],
    ['copy/2022-02-gloucestershire-street.csv', gloucestershire],
  ]);
  const before = await allCrime(['E07000081']);
  expect((await ingestCli(t.store, 'police-street', '--file', twice)).code).toBe(1);
  const refused = await lastRun();
  expect([refused.status, refused.error]).toEqual([
    'FAILED',
    "2022-02-gloucestershire-street.csv and 2022-02-gloucestershire-street.csv are both the gloucestershire force's 2022-02: give one",
  ]);
  expect(await allCrime(['E07000081'])).toEqual(before);
});

test("an archive with every territorial force's file: region, country and England and Wales totals, British Transport Police in none", async () => {
  // One generated month (jobs/samples/national-police.sample.ts): every force's file, crimes in
  // real LSOAs of its area. The expected totals are the files' own row counts, summed by the
  // forces each area is policed by (the regions' forces written out by hand).
  const files = nationalMonth({ month: '2022-03', rows: 2_000 });
  expect(files).toHaveLength(44); // 43 territorial forces and British Transport Police
  const archive = join(dir, '2022-03.zip');
  await writeZip(
    archive,
    files.map((f) => [f.path, f.text]),
  );
  const cli = await ingestCli(t.store, 'police-street', '--file', archive);
  expect(cli.code).toBe(0);
  const run = await lastRun();
  const rows = new Map(files.map((f) => [f.force.id, f.rows]));
  const sum = (ids: string[]): number => ids.reduce((n, id) => n + rows.get(id)!, 0);
  const welsh = ['dyfed-powys', 'gwent', 'north-wales', 'south-wales'];
  const english = files.map((f) => f.force.id).filter((id) => id !== 'btp' && !welsh.includes(id));
  expect(english).toHaveLength(39);
  expect([run.status, run.rowsRead]).toEqual(['SUCCEEDED', sum([...english, ...welsh, 'btp'])]);
  expect(run.notes).toEqual([
    `2022-03-btp-street.csv: ${rows.get('btp')} crimes recorded by British Transport Police, which polices no area of its own, counted towards no area's total`,
  ]);

  expect(await allCrime(['E12000008', 'E12000009', 'E92000001', 'W92000004', 'K04000001'], '2022-03')).toEqual({
    E12000008: sum(['hampshire', 'kent', 'surrey', 'sussex', 'thames-valley']), // South East
    E12000009: sum(['avon-and-somerset', 'devon-and-cornwall', 'dorset', 'gloucestershire', 'wiltshire']), // South West
    E92000001: sum(english),
    W92000004: sum(welsh),
    K04000001: sum([...english, ...welsh]),
  });
  // A district far from the two reference forces, by its file's rows: Cardiff (South Wales).
  const cardiff = files
    .find((f) => f.force.id === 'south-wales')!
    .text.split('\n')
    .filter((l) => l.split(',')[8]?.startsWith('Cardiff ')).length;
  expect(cardiff).toBeGreaterThan(0);
  expect(await allCrime(['W06000015'], '2022-03')).toEqual({ W06000015: cardiff });
}, 120_000);

test('crimes in a district that straddles partnerships count towards the partnership of their LSOA', async () => {
  // Bournemouth, Christchurch and Poole (E06000058) replaced three 2017 districts in three
  // partnerships: Bournemouth E22000063, Poole E22000067, and Dorset E22000367 (Christchurch's).
  // Real LSOAs of it and of Dorset (E06000059), from the LSOA 2011 to LAD 2019 lookup.
  const rows: Array<[string, string, number]> = [
    ['E01015301', 'Bournemouth 001A', 5],
    ['E01015304', 'Bournemouth 002B', 2],
    ['E01015431', 'Poole 001A', 4],
    ['E01020343', 'Christchurch 001A', 3],
    ['E01020350', 'Christchurch 003B', 1],
    ['E01020465', 'Purbeck 001A', 6],
    ['E01020542', 'West Dorset 001A', 2],
  ];
  const lines = [HEADER];
  for (const [code, name, n] of rows)
    for (let i = 0; i < n; i += 1)
      lines.push(
        `d${lines.length},2022-02,Dorset Police,Dorset Police,-1.9,50.7,On or near Test Street,${code},${name},Burglary,Under investigation,`,
      );
  const file = join(dir, '2022-02-dorset-street.csv');
  writeFileSync(file, `${lines.join('\n')}\n`);
  expect((await ingestCli(t.store, 'police-street', '--file', file)).code).toBe(0);
  // By hand: Bournemouth 5 + 2; Poole 4; Dorset's partnership Christchurch 3 + 1 and the Dorset
  // district's Purbeck 6 and West Dorset 2; the districts 15 and 8; the force all 23.
  expect(await allCrime(['E22000063', 'E22000067', 'E22000367', 'E06000058', 'E06000059', 'E23000039'])).toEqual({
    E22000063: 7,
    E22000067: 4,
    E22000367: 12,
    E06000058: 15,
    E06000059: 8,
    E23000039: 23,
  });
});

test('a crime in a straddling district whose LSOA the hub does not hold leaves its partnerships without a total, and the run says so', async () => {
  // A newer LSOA code (not of 2011), named as ONS names LSOAs after 2019: no partnership of
  // its own, so Bournemouth's, Poole's and Dorset's totals would be short by it.
  // 23 crimes placed as in February's file, and one more in an LSOA the hub does not hold.
  const placed: Array<[string, string, number]> = [
    ['E01015301', 'Bournemouth 001A', 7],
    ['E01015431', 'Poole 001A', 4],
    ['E01020343', 'Christchurch 001A', 4],
    ['E01020465', 'Purbeck 001A', 8],
  ];
  const lines = [HEADER];
  for (const [code, name, n] of [...placed, ['E01099999', 'Bournemouth, Christchurch and Poole 099Z', 1] as const])
    for (let i = 0; i < n; i += 1)
      lines.push(
        `x${lines.length},2022-04,Dorset Police,Dorset Police,-1.9,50.7,On or near Test Street,${code},"${name}",Burglary,,`,
      );
  const file = join(dir, '2022-04-dorset-street.csv');
  writeFileSync(file, `${lines.join('\n')}\n`);
  expect((await ingestCli(t.store, 'police-street', '--file', file)).code).toBe(0);
  const run = await lastRun();
  expect(run.status).toBe('SUCCEEDED');
  expect(run.notes).toEqual([
    '2022-04-dorset-street.csv: 1 crime in Bournemouth, Christchurch and Poole (E06000058) lies in an LSOA the hub does not hold, so no partnership could be credited with them: this file gives no total for E22000063, E22000067, E22000367',
  ]);
  // By hand: the district 7 + 4 + 4 + 1, Dorset district Purbeck's 8, the force all 24.
  expect(
    await allCrime(['E06000058', 'E06000059', 'E23000039', 'E22000063', 'E22000067', 'E22000367'], '2022-04'),
  ).toEqual({
    E06000058: 16,
    E06000059: 8,
    E23000039: 24,
    E22000063: null,
    E22000067: null,
    E22000367: null,
  });
});
