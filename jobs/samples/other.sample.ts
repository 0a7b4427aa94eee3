import { Random, seasonal } from './random';

// SAMPLE DATA for the sources that publish no excerpt we could copy: Fingertips indicators,
// Home Office fire incidents, ONS mid-year population and a partner feed, each in the layout
// the real source uses (docs/data-sources.md). Levels are plausible, not real.

const FINGERTIPS_HEADER = [
  'Indicator ID',
  'Indicator Name',
  'Parent Code',
  'Parent Name',
  'Area Code',
  'Area Name',
  'Area Type',
  'Sex',
  'Age',
  'Category Type',
  'Category',
  'Time period',
  'Value',
  'Lower CI 95.0 limit',
  'Upper CI 95.0 limit',
  'Lower CI 99.8 limit',
  'Upper CI 99.8 limit',
  'Count',
  'Denominator',
  'Value note',
  'Recent Trend',
  'Compared to England value or percentiles',
  'Compared to Region value or percentiles',
  'Time period Sortable',
  'New data',
  'Compared to goal',
  'Time period range',
];

interface Indicator {
  id: string;
  name: string;
  per: number;
  level: number;
  age: string;
  pooled: 'none' | 'fy3' | 'cy3';
  fy: boolean;
}

const INDICATORS: Indicator[] = [
  {
    id: '11201',
    name: 'Violent crime - hospital admissions for violence (including sexual violence)',
    per: 100000,
    level: 42,
    age: 'All ages',
    pooled: 'fy3',
    fy: true,
  },
  {
    id: '11202',
    name: 'Violent crime - violence offences per 1,000 population',
    per: 1000,
    level: 34,
    age: 'All ages',
    pooled: 'none',
    fy: true,
  },
  { id: '92432', name: 'Deaths from drug misuse', per: 100000, level: 5.5, age: 'All ages', pooled: 'cy3', fy: false },
  {
    id: '90244',
    name: 'Successful completion of drug treatment: opiate users',
    per: 100,
    level: 5.5,
    age: '18+ yrs',
    pooled: 'none',
    fy: false,
  },
  {
    id: '90245',
    name: 'Successful completion of drug treatment: non-opiate users',
    per: 100,
    level: 33,
    age: '18+ yrs',
    pooled: 'none',
    fy: false,
  },
  {
    id: '92906',
    name: 'Admission episodes for alcohol-specific conditions',
    per: 100000,
    level: 590,
    age: 'All ages',
    pooled: 'none',
    fy: true,
  },
  {
    id: '91414',
    name: 'Admission episodes for alcohol-related conditions (Narrow)',
    per: 100000,
    level: 480,
    age: 'All ages',
    pooled: 'none',
    fy: true,
  },
  {
    id: '10401',
    name: 'First time entrants to the youth justice system',
    per: 100000,
    level: 180,
    age: '10-17 yrs',
    pooled: 'none',
    fy: false,
  },
  {
    id: '11001',
    name: "Killed and seriously injured (KSI) casualties on England's roads",
    per: 100000,
    level: 45,
    age: 'All ages',
    pooled: 'none',
    fy: false,
  },
];

interface FtArea {
  code: string;
  name: string;
  type: string;
  parent: [string, string] | null;
  population: number;
}

const FT_AREAS: FtArea[] = [
  { code: 'E92000001', name: 'England', type: 'England', parent: null, population: 56_500_000 },
  {
    code: 'E12000008',
    name: 'South East region',
    type: 'Regions (statistical)',
    parent: ['E92000001', 'England'],
    population: 9_200_000,
  },
  {
    code: 'E12000009',
    name: 'South West region',
    type: 'Regions (statistical)',
    parent: ['E92000001', 'England'],
    population: 5_700_000,
  },
  {
    code: 'E10000014',
    name: 'Hampshire',
    type: 'Counties & UAs (from Apr 2023)',
    parent: ['E12000008', 'South East region'],
    population: 1_400_000,
  },
  {
    code: 'E10000013',
    name: 'Gloucestershire',
    type: 'Counties & UAs (from Apr 2023)',
    parent: ['E12000009', 'South West region'],
    population: 640_000,
  },
  {
    code: 'E06000044',
    name: 'Portsmouth',
    type: 'Counties & UAs (from Apr 2023)',
    parent: ['E12000008', 'South East region'],
    population: 208_000,
  },
  {
    code: 'E07000088',
    name: 'Gosport',
    type: 'Districts & UAs (from Apr 2023)',
    parent: ['E10000014', 'Hampshire'],
    population: 85_000,
  },
  {
    code: 'E07000084',
    name: 'Basingstoke and Deane',
    type: 'Districts & UAs (from Apr 2023)',
    parent: ['E10000014', 'Hampshire'],
    population: 177_000,
  },
  {
    code: 'E07000089',
    name: 'Hart',
    type: 'Districts & UAs (from Apr 2023)',
    parent: ['E10000014', 'Hampshire'],
    population: 97_000,
  },
  {
    code: 'E07000092',
    name: 'Rushmoor',
    type: 'Districts & UAs (from Apr 2023)',
    parent: ['E10000014', 'Hampshire'],
    population: 96_000,
  },
  {
    code: 'E07000081',
    name: 'Gloucester',
    type: 'Districts & UAs (from Apr 2023)',
    parent: ['E10000013', 'Gloucestershire'],
    population: 132_000,
  },
];
const DISTRICT_LEVEL = new Set(['11202', '92906', '91414']);

const csvField = (v: string): string => (/[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

function periodLabel(ind: Indicator, year: number): { label: string; sortable: string; range: string } {
  const fy = (y: number): string => `${y}/${String((y + 1) % 100).padStart(2, '0')}`;
  if (ind.pooled === 'fy3')
    return { label: `${fy(year - 2)} - ${fy(year).slice(2)}`, sortable: `${year - 2}0000`, range: '3y' };
  if (ind.pooled === 'cy3')
    return { label: `${year - 2} - ${String(year % 100).padStart(2, '0')}`, sortable: `${year - 2}0000`, range: '3y' };
  return { label: ind.fy ? fy(year) : String(year), sortable: `${year}0000`, range: '1y' };
}

/** The Fingertips all_data CSV (27-column layout) with a BOM and CRLF, as downloads come. */
export function fingertipsSample(fromYear: number, toYear: number, seed = 4242): string {
  const rng = new Random(seed);
  const lines = [FINGERTIPS_HEADER.join(',')];
  for (const ind of INDICATORS) {
    for (const area of FT_AREAS) {
      if (area.type.startsWith('Districts') && !DISTRICT_LEVEL.has(ind.id)) continue;
      const areaFactor = 0.8 + rng.next() * 0.5;
      for (let year = fromYear; year <= toYear; year += 1) {
        const { label, sortable, range } = periodLabel(ind, year);
        const denominator = ind.per === 100 ? Math.round(area.population * 0.004) : area.population;
        const rate = ind.level * areaFactor * (1 + 0.02 * (year - fromYear)) * (0.95 + rng.next() * 0.1);
        const count = Math.round((rate * denominator) / ind.per);
        const value = (count / denominator) * ind.per;
        const se = (Math.sqrt(Math.max(count, 1)) / denominator) * ind.per;
        const suppressed = count < 5 && area.code !== 'E92000001';
        const cells = [
          ind.id,
          `${ind.name}\n`,
          area.parent?.[0] ?? '',
          area.parent?.[1] ?? '',
          area.code,
          area.name,
          area.type,
          'Persons',
          ind.age,
          '',
          '',
          label,
          suppressed ? '' : String(value),
          suppressed ? '' : String(Math.max(value - 1.96 * se, 0)),
          suppressed ? '' : String(value + 1.96 * se),
          '',
          '',
          suppressed ? '' : String(count),
          String(denominator),
          suppressed ? 'Value suppressed for disclosure control' : '',
          '',
          'Not compared',
          'Not compared',
          sortable,
          year === toYear ? 'New data' : '',
          '',
          range,
        ];
        lines.push(cells.map(csvField).join(','));
        if (area.code === 'E92000001' && year === toYear) {
          // An inequality breakdown row, which the connector must leave out.
          const breakdown = [...cells];
          breakdown[9] = 'County & UA deprivation deciles in England (IMD2019)';
          breakdown[10] = 'Most deprived decile (IMD2019)';
          lines.push(breakdown.map(csvField).join(','));
        }
      }
    }
  }
  return `\ufeff${lines.join('\r\n')}\r\n`;
}

const FIRE_TYPES: Array<[string, number, boolean]> = [
  ['Dwellings', 0.09, true],
  ['Other Buildings', 0.04, true],
  ['Road Vehicles', 0.05, true],
  ['Other Outdoors', 0.02, true],
  ['Secondary Fires', 0.25, true],
  ['Chimney Fires', 0.01, false],
  ['Due to apparatus', 0.22, false],
  ['Good intent', 0.14, false],
  ['Malicious', 0.01, false],
  ['Non-fire incidents', 0.32, false],
];

/** Home Office incidents by authority, year, type and motive, with Hampshire's pre-2021 split. */
export function fireSample(fromYear: number, toYear: number, seed = 999): string {
  const rng = new Random(seed);
  const lines = ['FINANCIAL_YEAR,INCIDENT_TYPE,MOTIVE,FRS_NAME,E_CODE,TOTAL_INCIDENTS'];
  for (let year = fromYear; year <= toYear; year += 1) {
    const fy = `${year}/${String((year + 1) % 100).padStart(2, '0')}`;
    const authorities: Array<[string, string, number]> =
      year < 2021
        ? [
            ['Hampshire', 'E31000017', 16000],
            ['Isle of Wight', 'E31000021', 1700],
            ['Gloucestershire', 'E31000016', 5600],
          ]
        : [
            ['Hampshire and Isle of Wight', 'E31000048 ', 17500],
            ['Gloucestershire', 'E31000016', 5600],
          ];
    for (const [name, code, total] of authorities) {
      for (const [type, share, fire] of FIRE_TYPES) {
        const n = rng.count(total * share * seasonal(7, 0.02));
        if (fire) {
          const deliberate = Math.round(n * (type === 'Secondary Fires' ? 0.6 : 0.25));
          lines.push(
            `${fy},${type},Accidental,${name},${code},${n - deliberate}`,
            `${fy},${type},Deliberate,${name},${code},${deliberate}`,
          );
        } else {
          lines.push(`${fy},${type},,${name},${code},${n}`);
        }
      }
    }
  }
  return `${lines.join('\n')}\n`;
}

const POPULATION: Record<string, [string, number]> = {
  E07000084: ['Basingstoke and Deane', 176_000],
  E07000085: ['East Hampshire', 122_000],
  E07000086: ['Eastleigh', 133_000],
  E07000087: ['Fareham', 116_000],
  E07000088: ['Gosport', 84_800],
  E07000089: ['Hart', 96_000],
  E07000090: ['Havant', 125_000],
  E07000091: ['New Forest', 176_000],
  E07000092: ['Rushmoor', 95_000],
  E07000093: ['Test Valley', 126_000],
  E07000094: ['Winchester', 124_000],
  E06000044: ['Portsmouth', 207_000],
  E06000045: ['Southampton', 250_000],
  E06000046: ['Isle of Wight', 140_000],
  E07000078: ['Cheltenham', 117_000],
  E07000079: ['Cotswold', 89_000],
  E07000080: ['Forest of Dean', 86_000],
  E07000081: ['Gloucester', 129_000],
  E07000082: ['Stroud', 119_000],
  E07000083: ['Tewkesbury', 92_000],
};

/**
 * MYEB1 layout: a title row, then one row per district, sex and single year of age (0 to 90+).
 * No longer loaded on start (the real mid-2019 estimates are, from data/ons/); kept for the
 * tests of the MYEB1 layout.
 */
export function populationSample(fromYear: number, toYear: number, seed = 77): string {
  const rng = new Random(seed);
  const years = Array.from({ length: toYear - fromYear + 1 }, (_, i) => fromYear + i);
  const lines = [
    'SAMPLE DATA generated by scripts/generate-samples.ts in the MYEB1 layout: not ONS figures',
    ['ladcode21', 'laname21', 'country', 'sex', 'age', ...years.map((y) => `population_${y}`)].join(','),
  ];
  // A simple age profile: flat to 60, then tapering, with the 90+ band holding the tail.
  const weight = (age: number): number => (age < 60 ? 1 : age < 90 ? Math.max(0.15, 1 - (age - 60) * 0.03) : 2.2);
  const totalWeight = Array.from({ length: 91 }, (_, a) => weight(a)).reduce((n, w) => n + w, 0);
  for (const [code, [name, base]] of Object.entries(POPULATION)) {
    const growth = 0.004 + rng.next() * 0.006;
    for (const sex of ['f', 'm']) {
      for (let age = 0; age <= 90; age += 1) {
        const cells = years.map((y) =>
          String(Math.round(((base * (1 + growth * (y - 2021))) / 2) * (weight(age) / totalWeight))),
        );
        lines.push([code, name, 'E', sex, String(age), ...cells].join(','));
      }
    }
  }
  return `${lines.join('\n')}\n`;
}

const PARTNER_MEASURES: Array<[string, number]> = [
  ['partner.da-identified-by-health-professionals', 60],
  ['partner.early-help-assessments-parental-conflict', 45],
  ['partner.da-disclosure-scheme-requests', 30],
  ['partner.dv-protection-notices-and-orders', 9],
  ['partner.staff-attending-multi-agency-da-training', 120],
  ['partner.da-service-users-feeling-safer', 70],
  ['partner.people-in-drug-and-alcohol-treatment', 1450],
  ['partner.rough-sleepers-in-drug-and-alcohol-treatment', 6],
  ['partner.women-in-drug-and-alcohol-treatment', 430],
  ['partner.drug-related-and-acquisitive-crime', 610],
];

const EXACT_IN_FEED = new Set([
  'partner.rough-sleepers-in-drug-and-alcohol-treatment',
  'partner.dv-protection-notices-and-orders',
]);

/** The generic partner feed: Portsmouth's plan measures by quarter; counts under 5 shown as "*". */
export function partnerFeedSample(fromYear: number, toYear: number, seed = 31): string {
  const rng = new Random(seed);
  const lines = ['measure,area,period,value,numerator,denominator,note'];
  for (let year = fromYear; year <= toYear; year += 1) {
    for (let q = 1; q <= 4; q += 1) {
      for (const [measure, level] of PARTNER_MEASURES) {
        const n = rng.count(level);
        // SUPPRESSED measures come exact (the hub suppresses small counts for non-members); the
        // others are suppressed in the feed itself, as a published extract would be.
        const exact = EXACT_IN_FEED.has(measure);
        lines.push(
          `${measure},E06000044,${year}-Q${q},${n < 5 && !exact ? '*' : n},,,${n < 5 && !exact ? 'fewer than 5: suppressed' : ''}`,
        );
      }
      const met = rng.int(55, 80);
      lines.push(`partner.treatment-mental-health-need-met,E06000044,${year}-Q${q},${met},${met * 3},300,`);
    }
  }
  return `${lines.join('\n')}\n`;
}
