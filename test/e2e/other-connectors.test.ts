import { Observation, RejectedRow } from '../../src/entities';
import { silentLogger } from '../../src/logging/logger';
import { createConnector } from '../../src/ingest/connectors';
import { runIngest } from '../../src/ingest/ingest-runner';
import { writeFixture } from '../helpers/fixtures';
import { startTestHub, type TestHub } from '../helpers/test-hub';

// Fire incidents, ONS population and the partner feed, each from a small file in its real
// layout, with the expected figures worked by hand in the comments.

let t: TestHub;
beforeAll(async () => {
  t = await startTestHub();
});
afterAll(async () => {
  await t.stop();
});

async function ingest(dataset: string, name: string, text: string) {
  return runIngest(
    t.hub.dataSource,
    createConnector(dataset),
    {
      source: { file: writeFixture(name, text) },
      trigger: 'test',
      timeoutMs: 30_000,
      figuresChanged: t.hub.figuresChanged,
    },
    silentLogger,
  );
}

async function figure(measureCode: string, areaCode: string, period: string): Promise<Observation | null> {
  return t.hub.dataSource.manager.findOne(Observation, { where: { measureCode, areaCode, period } });
}

async function reasons(runId: number): Promise<Array<[number, string]>> {
  const rows = await t.hub.dataSource.manager.find(RejectedRow, { where: { runId }, order: { line: 'ASC' } });
  return rows.map((r) => [r.line, r.reason]);
}

test('fire: incident types roll up, old Hampshire and Isle of Wight codes merge, trailing spaces are trimmed', async () => {
  const csv = [
    'FINANCIAL_YEAR,INCIDENT_TYPE,MOTIVE,FRS_NAME,E_CODE,TOTAL_INCIDENTS',
    '2019/20,Dwellings,Accidental,Hampshire,E31000017,100',
    '2019/20,Dwellings,Deliberate,Hampshire,E31000017,20',
    '2019/20,Road Vehicles,Deliberate,Isle of Wight,E31000021,7',
    '2019/20,Secondary Fires,Deliberate,Hampshire,E31000017,50',
    '2019/20,Secondary Fires,Accidental,Hampshire,E31000017,30',
    '2019/20,Chimney Fires,,Hampshire,E31000017,5',
    '2019/20,Due to apparatus,,Hampshire,E31000017,40',
    '2019/20,Malicious,,Isle of Wight,E31000021,2',
    '2019/20,Non-fire incidents,,Hampshire,E31000017,"1,070"',
    '2021/22,Dwellings,Accidental,Hampshire and Isle of Wight,E31000048 ,130',
    '2019-21,Dwellings,Accidental,Hampshire,E31000017,9',
    '2019/20,Spontaneous combustion,,Hampshire,E31000017,1',
    '2019/20,Dwellings,Accidental,Gloucestershire,E31000016,-3',
  ].join('\n');
  const result = await ingest('fire-incidents', 'fire.csv', csv);
  expect(result.status).toBe('SUCCEEDED');
  expect(result.run).toMatchObject({ rowsRead: 13, rowsRejected: 3 });
  // Primary 2019/20 in E31000048: dwellings 100 + 20, road vehicles 7 (IoW) = 127.
  expect((await figure('fire.primary-fires', 'E31000048', '2019/20'))?.value).toBe(127);
  // Deliberate: dwellings 20 + road vehicles 7 + secondary 50 = 77.
  expect((await figure('fire.deliberate-fires', 'E31000048', '2019/20'))?.value).toBe(77);
  expect((await figure('fire.secondary-fires', 'E31000048', '2019/20'))?.value).toBe(80);
  expect((await figure('fire.fire-false-alarms', 'E31000048', '2019/20'))?.value).toBe(42);
  expect((await figure('fire.non-fire-incidents', 'E31000048', '2019/20'))?.value).toBe(1070);
  expect((await figure('fire.primary-fires', 'E31000048', '2021/22'))?.value).toBe(130);
  expect(await reasons(result.run!.id)).toEqual([
    [12, 'the FINANCIAL_YEAR is not a financial year such as 2022/23'],
    [13, 'the INCIDENT_TYPE is not one the hub knows'],
    [14, 'the TOTAL_INCIDENTS is not a count'],
  ]);
});

test('ONS MYEB1: a title row, then sexes and ages summed per district and year', async () => {
  const csv = [
    'Mid-year population estimates, local authorities (title row)',
    'ladcode23,laname23,country,sex,age,population_2021,population_2022',
    'E07000088,Gosport,E,f,0,400,410',
    'E07000088,Gosport,E,m,0,420,430',
    'E07000088,Gosport,E,f,90,900,905',
    'E07000088,Gosport,E,m,90,500,abc',
    'S12000005,Clackmannanshire,S,f,0,30,31',
    'E07000081,Gloucester,E,f,0,700,710',
  ].join('\n');
  const result = await ingest('ons-population', 'myeb1.csv', csv);
  expect(result.run).toMatchObject({ rowsRead: 6, rowsRejected: 1 });
  expect((await figure('ons.population', 'E07000088', '2021'))?.value).toBe(400 + 420 + 900);
  expect((await figure('ons.population', 'E07000088', '2022'))?.value).toBe(410 + 430 + 905);
  expect((await figure('ons.population', 'E07000081', '2022'))?.value).toBe(710);
  expect(await figure('ons.population', 'S12000005', '2022')).toBeNull(); // Scotland: not in the hub's geography
  expect(await reasons(result.run!.id)).toEqual([[6, 'the population_2022 is not a count']]);
});

// The layout of data/ons/ (ONS mid-2019 estimates as reshaped by geographr): one row per area
// with its total and single years of age; the year is in the file's name only.
const AGES = Array.from({ length: 90 }, (_, a) => `"${a}"`).join(',') + ',"90+"';
const ages = (n: number): string => Array.from({ length: 91 }, () => String(n)).join(',');

test('ONS totals by district: total_population per district, the year from the file name', async () => {
  const csv = [
    `"lad_code","lad_name","total_population",${AGES}`,
    `"E07000078","Cheltenham",116306,${ages(1)}`,
    `"W06000023","Powys",132447,${ages(1)}`,
    `"S12000005","Clackmannanshire",51540,${ages(1)}`,
    `"E07000079","Cotswold",n/a,${ages(1)}`,
  ].join('\n');
  const result = await ingest('ons-population', 'population-lad-mid2019-persons-syoa.csv', csv);
  expect(result.run).toMatchObject({ status: 'SUCCEEDED', rowsRead: 4, rowsRejected: 1, rowsWritten: 2 });
  expect((await figure('ons.population', 'E07000078', '2019'))?.value).toBe(116_306);
  expect((await figure('ons.population', 'W06000023', '2019'))?.value).toBe(132_447);
  expect(await reasons(result.run!.id)).toEqual([[5, 'the total_population is not a count']]);

  const unnamed = await ingest('ons-population', 'population-lad.csv', csv);
  expect(unnamed.run).toMatchObject({ status: 'FAILED' });
  expect(unnamed.run!.error).toBe(
    'a population file of totals does not say its year: its name must hold it as mid2019 or mid-2019',
  );
});

test('ONS totals by LSOA: whole for the LSOAs of the districts it names, so a file missing one is refused', async () => {
  const header = `"lsoa_code","lad_code","lad_name","lsoa_name","total_population",${AGES}`;
  const rows = [
    `"E01022802","E07000088","Gosport","Gosport 001C",1512,${ages(1)}`,
    `"E01022803","E07000088","Gosport","Gosport 001D",1633,${ages(1)}`,
  ];
  const first = await ingest('ons-population', 'population-lsoa-mid2019.csv', [header, ...rows].join('\n'));
  expect(first.run).toMatchObject({ status: 'SUCCEEDED', rowsWritten: 2 });
  expect((await figure('ons.population', 'E01022802', '2019'))?.value).toBe(1_512);
  const cut = await ingest('ons-population', 'population-lsoa-mid2019.csv', [header, rows[0]].join('\n'));
  expect(cut.run).toMatchObject({ status: 'FAILED' });
  expect(cut.run!.error).toContain('E01022803 ons.population 2019');
});

test('partner feed, CSV: suppressed and unavailable values kept as such, bad rows listed', async () => {
  const csv = [
    'measure,area,period,value,numerator,denominator,note',
    'partner.people-in-drug-and-alcohol-treatment,E06000044,2023-Q1,1412,,,',
    'partner.rough-sleepers-in-drug-and-alcohol-treatment,E06000044,2023-Q1,*,,,',
    'partner.women-in-drug-and-alcohol-treatment,E06000044,2023-Q1,[x],,,not yet published',
    'partner.treatment-mental-health-need-met,E06000044,2023-Q1,66.5,133,200,',
    'partner.no-such-measure,E06000044,2023-Q1,1,,,',
    'partner.people-in-drug-and-alcohol-treatment,E99999999,2023-Q1,1,,,',
    'partner.people-in-drug-and-alcohol-treatment,E06000044,2023-Q5,1,,,',
    'partner.people-in-drug-and-alcohol-treatment,E06000044,2023-Q1,1500,,,',
    'partner.people-in-drug-and-alcohol-treatment,E06000044,2023-Q2,lots,,,',
  ].join('\n');
  const result = await ingest('partner-feed', 'feed.csv', csv);
  expect(result.run).toMatchObject({ rowsRead: 9, rowsRejected: 5, rowsWritten: 4 });
  expect(await figure('partner.rough-sleepers-in-drug-and-alcohol-treatment', 'E06000044', '2023-Q1')).toMatchObject({
    value: null,
    suppressed: true,
    note: 'suppressed in the source ("*")',
  });
  expect(await figure('partner.women-in-drug-and-alcohol-treatment', 'E06000044', '2023-Q1')).toMatchObject({
    value: null,
    suppressed: false,
    note: 'not yet published',
  });
  expect(await figure('partner.treatment-mental-health-need-met', 'E06000044', '2023-Q1')).toMatchObject({
    value: 66.5,
    numerator: 133,
    denominator: 200,
    frequency: 'QUARTER',
  });
  expect(await reasons(result.run!.id)).toEqual([
    [6, 'the measure is not one the hub knows'],
    [7, 'the area is not one the hub knows'],
    [8, 'the period is not 2022-02, 2022-Q1, 2021/22 or 2022'],
    [9, 'duplicate of line 2 (same measure, area and period)'],
    [10, 'the value is not a number'],
  ]);
});

test('partner feed, JSON: the same figures from an array of objects; an object with a list works too', async () => {
  const items = [
    { measure: 'partner.da-disclosure-scheme-requests', area: 'E06000044', period: '2022-Q4', value: 31 },
    { measure: 'partner.dv-protection-notices-and-orders', area: 'E06000044', period: '2022-Q4', value: '*' },
    { measure: 'partner.da-disclosure-scheme-requests', area: 'E06000044', period: '2022-13', value: 2 },
  ];
  const result = await ingest('partner-feed', 'feed.json', JSON.stringify(items));
  expect(result.run).toMatchObject({ rowsRead: 3, rowsRejected: 1, rowsWritten: 2 });
  expect((await figure('partner.da-disclosure-scheme-requests', 'E06000044', '2022-Q4'))?.value).toBe(31);
  expect((await figure('partner.dv-protection-notices-and-orders', 'E06000044', '2022-Q4'))?.suppressed).toBe(true);
  expect(await reasons(result.run!.id)).toEqual([[3, 'the period is not 2022-02, 2022-Q1, 2021/22 or 2022']]);

  const wrapped = await ingest('partner-feed', 'feed.json', JSON.stringify({ observations: items.slice(0, 1) }));
  expect(wrapped.counts).toMatchObject({ inserted: 0, updated: 0, unchanged: 1 });
  const broken = await ingest('partner-feed', 'feed.json', '{"observations": [');
  expect(broken.status).toBe('FAILED');
  expect(broken.error).toMatch(/^the partner feed is not valid JSON/);
});

test('a broken JSON feed fails without quoting its figures; an empty feed fails rather than succeed with nothing', async () => {
  // A trailing comma after a restricted figure: the run's error (public in ingestRuns) must not
  // carry "1412", nor any text of the file, only where the fault is.
  const trailing =
    '[\n{"measure": "partner.people-in-drug-and-alcohol-treatment", "area": "E06000044", "period": "2024-Q1", "value": 1412},\n]';
  const broken = await ingest('partner-feed', 'feed.json', trailing);
  expect(broken.status).toBe('FAILED');
  expect(broken.error).toMatch(/^the partner feed is not valid JSON/);
  expect(broken.error).not.toContain('1412');
  expect(broken.error).not.toContain('partner.people');
  for (const text of ['', 'measure,area,period,value\n', '[]'])
    expect(await ingest('partner-feed', 'empty.csv', text)).toMatchObject({ status: 'FAILED' });
  expect((await ingest('partner-feed', 'empty.csv', 'measure,area,period,value\n')).error).toBe(
    'the partner feed holds no rows',
  );
});
