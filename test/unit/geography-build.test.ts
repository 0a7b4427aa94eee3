import { buildGeography, GeographyError, type GeographyRows } from '../../src/geography/geography-build';
import { matchingPartnershipArea } from '../../src/domain/partnership-area';

// The geography worked out from small lookups written here, shaped like the published ones: a
// 2019 district that replaced two 2017 districts of one partnership, and one that replaced two
// districts of different partnerships.

const lsoa = (code: string, name: string, msoa: string, lad: string, ladName: string) => ({
  lsoa_code: code,
  lsoa_name: name,
  msoa_code: msoa,
  msoa_name: name.replace(/[A-Z]$/, ''),
  lad_code: lad,
  lad_name: ladName,
});

function rows(): GeographyRows {
  return {
    lsoas: [
      lsoa('E01000001', 'Alpha 001A', 'E02000001', 'E07000001', 'Alpha'),
      lsoa('E01000002', 'Alpha 001B', 'E02000001', 'E07000001', 'Alpha'),
      // Beta and Gamma (2017, one partnership) became Betagamma (2019).
      lsoa('E01000003', 'Beta 001A', 'E02000002', 'E07000009', 'Betagamma'),
      lsoa('E01000004', 'Gamma 001A', 'E02000003', 'E07000009', 'Betagamma'),
      // Delta and Epsilon (2017, two partnerships) became Deltaepsilon (2019).
      lsoa('E01000005', 'Delta 001A', 'E02000004', 'E06000009', 'Deltaepsilon'),
      lsoa('E01000006', 'Epsilon 001A', 'E02000005', 'E06000009', 'Deltaepsilon'),
    ],
    partnerships: [
      {
        LAD17CD: 'E07000001',
        LAD17NM: 'Alpha',
        CSP17CD: 'E22000001',
        CSP17NM: 'Alpha',
        PFA17CD: 'E23000001',
        PFA17NM: 'Shire',
      },
      {
        LAD17CD: 'E07000002',
        LAD17NM: 'Beta',
        CSP17CD: 'E22000002',
        CSP17NM: 'Betagamma',
        PFA17CD: 'E23000001',
        PFA17NM: 'Shire',
      },
      {
        LAD17CD: 'E07000003',
        LAD17NM: 'Gamma',
        CSP17CD: 'E22000002',
        CSP17NM: 'Betagamma',
        PFA17CD: 'E23000001',
        PFA17NM: 'Shire',
      },
      {
        LAD17CD: 'E06000001',
        LAD17NM: 'Delta',
        CSP17CD: 'E22000003',
        CSP17NM: 'Delta',
        PFA17CD: 'E23000001',
        PFA17NM: 'Shire',
      },
      {
        LAD17CD: 'E06000002',
        LAD17NM: 'Epsilon',
        CSP17CD: 'E22000004',
        CSP17NM: 'Epsilon',
        PFA17CD: 'E23000001',
        PFA17NM: 'Shire',
      },
    ],
    fireAuthorities: [
      { LAD19CD: 'E07000001', FRA19CD: 'E31000001', FRA19NM: 'Shire Fire' },
      { LAD19CD: 'E07000009', FRA19CD: 'E31000001', FRA19NM: 'Shire Fire' },
      { LAD19CD: 'E06000009', FRA19CD: 'E31000002', FRA19NM: 'Coast Fire' },
    ],
    fireSuccessors: [
      { FRACD: 'E31000002', SUCCESSORCD: 'E31000009', SUCCESSORNM: 'Shire and Coast', FROM: '2021-04-01' },
    ],
    counties: [
      {
        LAD19CD: 'E07000001',
        CTY19CD: 'E10000001',
        CTY19NM: 'Shire',
        RGN19CD: 'E12000001',
        RGN19NM: 'North',
        CTRY19CD: 'E92000001',
        CTRY19NM: 'England',
      },
      {
        LAD19CD: 'E07000009',
        CTY19CD: 'E10000001',
        CTY19NM: 'Shire',
        RGN19CD: 'E12000001',
        RGN19NM: 'North',
        CTRY19CD: 'E92000001',
        CTRY19NM: 'England',
      },
      {
        LAD19CD: 'E06000009',
        CTY19CD: '',
        CTY19NM: '',
        RGN19CD: 'E12000001',
        RGN19NM: 'North',
        CTRY19CD: 'E92000001',
        CTRY19NM: 'England',
      },
    ],
  };
}

test('districts sit under their county (or region), police force area, fire authority and partnership', () => {
  const geo = buildGeography(rows());
  const area = (code: string) => geo.areas.find((a) => a.code === code)!;
  expect(area('E07000001')).toMatchObject({
    type: 'DISTRICT',
    vintage: 2019,
    parents: ['E10000001', 'E31000001', 'E23000001', 'E22000001'],
  });
  expect(area('E10000001').parents).toEqual(['E12000001']);
  expect(area('E12000001').parents).toEqual(['E92000001']);
  expect(area('E92000001').parents).toEqual(['K04000001']);
  expect(area('E22000001')).toMatchObject({
    type: 'COMMUNITY_SAFETY_PARTNERSHIP',
    vintage: 2017,
    parents: ['E23000001'],
  });
  expect(area('E01000001')).toMatchObject({ type: 'LSOA', vintage: 2011, parents: ['E02000001', 'E07000001'] });
  expect(area('E02000001')).toMatchObject({ type: 'MSOA', vintage: 2011, parents: ['E07000001'] });
});

test('a 2019 district of one 2017 partnership is in it; one of two is in neither, and its LSOAs are each in their own', () => {
  const geo = buildGeography(rows());
  const area = (code: string) => geo.areas.find((a) => a.code === code)!;
  expect(geo.changes).toEqual([
    { district: 'E07000009', predecessors: ['E07000002', 'E07000003'], partnership: 'E22000002' },
    { district: 'E06000009', predecessors: ['E06000001', 'E06000002'], partnership: null },
  ]);
  expect(area('E07000009').parents).toContain('E22000002');
  expect(area('E06000009').parents).toEqual(['E12000001', 'E31000009', 'E23000001']);
  expect(area('E06000009').note).toBe(
    'Formed in 2019 from Delta (E06000001), Epsilon (E06000002), which were in different community safety partnerships (E22000003, E22000004); no partnership in the 2017 lookup holds the whole district, so each of its LSOAs is tied to its own.',
  );
  expect(area('E01000005').parents).toEqual(['E02000004', 'E06000009', 'E22000003']);
  expect(area('E01000006').parents).toEqual(['E02000005', 'E06000009', 'E22000004']);
  // The 2017 districts themselves are not areas: the hub's districts are 2019's.
  expect(geo.areas.some((a) => a.code === 'E07000002')).toBe(false);
});

test("a merged fire authority's districts sit in its successor; the old authority stays, named for its end", () => {
  const geo = buildGeography(rows());
  const area = (code: string) => geo.areas.find((a) => a.code === code)!;
  expect(area('E31000002')).toMatchObject({
    name: 'Coast Fire (to March 2021)',
    vintage: 2019,
    note: 'Merged into Shire and Coast (E31000009) on 2021-04-01.',
  });
  expect(area('E31000009')).toMatchObject({ vintage: 2021, type: 'FIRE_AND_RESCUE_AUTHORITY' });
});

test('inconsistent files are refused with every problem, naming the file and row', () => {
  const bad = rows();
  bad.lsoas.push(lsoa('E01000007', 'Zeta 001A', 'E02000006', 'E07000008', 'Zeta'));
  bad.fireAuthorities.pop();
  bad.partnerships.push({ ...bad.partnerships[0]!, LAD17CD: 'E07000099', LAD17NM: 'Omega', CSP17CD: 'not a code' });
  let problems: string[] = [];
  try {
    buildGeography(bad);
  } catch (err) {
    if (!(err instanceof GeographyError)) throw err;
    problems = err.problems;
  }
  expect(problems).toEqual(
    expect.arrayContaining([
      'partnerships E07000099: "not a code" is not a GSS code',
      'counties: district E07000008 is missing',
      'fire and rescue authorities: district E06000009 is missing',
      "lsoas E01000007: district E07000008 is not in the 2017 lookup, and the LSOA's name names no 2017 district it replaced",
      'partnerships E07000099: a 2017 district neither in the LSOA lookup nor named by any of its LSOAs',
    ]),
  );
});

test('a partnership is the area whose districts are exactly its own, or none', () => {
  const areas = new Map([
    ['E22000374', ['E07000084', 'E07000089', 'E07000092']],
    ['E22000113', ['E07000088']],
  ]);
  expect(matchingPartnershipArea(['E07000092', 'E07000084', 'E07000089'], areas)).toBe('E22000374');
  expect(matchingPartnershipArea(['E07000088'], areas)).toBe('E22000113');
  expect(matchingPartnershipArea(['E07000089', 'E07000092'], areas)).toBeNull(); // part of one
  expect(matchingPartnershipArea(['E07000088', 'E07000084', 'E07000089', 'E07000092'], areas)).toBeNull();
  expect(matchingPartnershipArea([], areas)).toBeNull();
});
