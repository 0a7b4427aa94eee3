import { join } from 'node:path';
import { readGeography } from '../../src/geography/geography-files';
import { POLICE_FORCES } from '../../src/ingest/connectors/police-forces';
import { readReferenceData } from '../../src/reference/reference-files';
import { checkReferences } from '../../src/reference/reference-check';
import { readDocumentTexts } from '../../src/reference/document-texts';
import { checkProvenance } from '../../src/reference/provenance-check';
import { partnershipSchema } from '../../src/reference/reference.schema';
import { checkWith } from '../../src/errors/zod-problems';
import {
  buildPartnershipSkeleton,
  SkeletonError,
  slugOf,
  type SkeletonInput,
} from '../../src/reference/partnership-skeleton';
import type { ReferenceData } from '../../src/reference/reference.types';

// The skeleton a council starts its plan file from. The expected districts, county, force and
// fire authority are read by eye from the ONS lookups in data/geography/:
//   lad17-csp17-pfa17: E07000078,Cheltenham,E22000093,Cheltenham,E23000037,Gloucestershire
//   lad19-county-region: E07000078 -> E10000013 Gloucestershire
//   lad19-fra19: E07000078 -> E31000016 Gloucestershire
//   North Hampshire E22000374: E07000084 Basingstoke and Deane, E07000089 Hart, E07000092 Rushmoor,
//   county E10000014 Hampshire, fire E31000017 Hampshire (merged into E31000048 Hampshire and
//   Isle of Wight on 2021-04-01, fra-successors.csv).

const ROOT = join(__dirname, '..', '..');
const geography = readGeography(join(ROOT, 'data', 'geography'));
const AREAS = new Set(geography.areas.map((a) => a.code));
const reference = (): ReferenceData => readReferenceData(join(ROOT, 'data', 'reference'), AREAS);
const base = reference();

const input = (code: string, extra: Partial<SkeletonInput> = {}): SkeletonInput => ({
  code,
  geography,
  policeForces: POLICE_FORCES,
  organisations: base.organisations,
  today: '2024-07-15',
  ...extra,
});

test('Cheltenham: its district, the councils, force and fire service, a draft plan with no priorities', () => {
  const s = buildPartnershipSkeleton(input('E22000093'));
  expect(s.slug).toBe('cheltenham');
  expect(s.partnership.name).toBe('Cheltenham');
  expect(s.partnership.areas).toEqual(['E07000078']);
  // Gloucestershire's county council, force and fire service are already organisations (Safer
  // Gloucester's); only Cheltenham's council is new.
  expect(s.partnership.memberships.map((m) => m.organisation)).toEqual([
    'cheltenham-council',
    'gloucestershire-county-council',
    'gloucestershire-constabulary',
    'gloucestershire-fire-and-rescue-service',
  ]);
  expect(s.newOrganisations.map((o) => [o.id, o.name, o.type])).toEqual([
    ['cheltenham-council', 'Cheltenham Council', 'COUNCIL'],
  ]);
  const [plan] = s.partnership.plans;
  expect(plan).toMatchObject({
    id: 'cheltenham-2024-25',
    periodStart: '2024-04-01',
    periodEnd: '2025-03-31',
    status: 'DRAFT',
    sourceDocument: 'cheltenham-plan.txt',
    priorities: [],
  });
  expect(s.document).toMatchObject({ id: 'cheltenham-plan.txt', kind: 'PLAN', publisher: 'Cheltenham' });
});

test('the plan covers the financial year the command runs in (April to March)', () => {
  const plan = (today: string) => buildPartnershipSkeleton(input('E22000093', { today })).partnership.plans[0]!;
  expect([plan('2025-03-31').periodStart, plan('2025-03-31').periodEnd]).toEqual(['2024-04-01', '2025-03-31']);
  expect([plan('2025-04-01').id, plan('2025-04-01').periodEnd]).toEqual(['cheltenham-2025-26', '2026-03-31']);
});

test("a partnership of three districts: each district's existing council is found whatever its style", () => {
  const s = buildPartnershipSkeleton(input('E22000374'));
  expect(s.slug).toBe('north-hampshire');
  expect(s.partnership.areas).toEqual(['E07000084', 'E07000089', 'E07000092']);
  expect(s.partnership.memberships.map((m) => m.organisation)).toEqual([
    'basingstoke-and-deane-borough-council',
    'hart-district-council',
    'rushmoor-borough-council',
    'hampshire-county-council',
    'hampshire-constabulary',
    'hampshire-and-isle-of-wight-fire-and-rescue-service',
  ]);
  expect(s.newOrganisations.map((o) => o.id)).toEqual([
    'hampshire-county-council',
    'hampshire-and-isle-of-wight-fire-and-rescue-service',
  ]);
});

test('a Welsh partnership (W14) is onboarded with its Welsh force and fire service', () => {
  const s = buildPartnershipSkeleton(input('W14000001', { slug: 'safer-anglesey' }));
  expect(s.slug).toBe('safer-anglesey');
  expect(s.partnership.areas).toEqual(['W06000001']);
  expect(s.partnership.memberships.map((m) => m.organisation)).toEqual([
    'isle-of-anglesey-council',
    'north-wales-police',
    'north-wales-fire-and-rescue-service',
  ]);
});

test('the skeleton passes the loader checks and the provenance check with the rest of the data', () => {
  const s = buildPartnershipSkeleton(input('E22000093'));
  // Written to disk and read back: the file is what the schema sees.
  const checked = checkWith(partnershipSchema, JSON.parse(JSON.stringify(s.partnership)), 'cheltenham.json');
  expect(checked.ok ? [] : checked.problems).toEqual([]);
  const data = reference();
  data.partnerships.push(s.partnership);
  data.organisations.push(...s.newOrganisations);
  data.documents.push(s.document);
  expect(checkReferences(data, AREAS)).toEqual([]);
  // The placeholder document has no text yet: every value it would have to hold carries a decision.
  const texts = readDocumentTexts(join(ROOT, 'data', 'documents'), data.documents);
  expect(texts.has('cheltenham-plan.txt')).toBe(false);
  expect(checkProvenance(data, texts)).toEqual([]);
  // Once a council writes its plan's title and drops the decision, the text is needed.
  const plan = data.partnerships.at(-1)!.plans[0]!;
  plan.title = 'Cheltenham Community Safety Partnership Plan 2024-2025';
  plan.decisions = plan.decisions!.filter((d) => d.field !== 'title');
  expect(checkProvenance(data, texts)).toEqual([
    'partnership cheltenham plan cheltenham-2024-25: cites a document whose text is not held',
    'partnership cheltenham plan cheltenham-2024-25.title: not in its document, and no decision says whose it is',
  ]);
});

describe('refusals name the problem and never repeat what was typed', () => {
  const refusal = (i: SkeletonInput): SkeletonError => {
    try {
      buildPartnershipSkeleton(i);
    } catch (err) {
      if (err instanceof SkeletonError) return err;
      throw err;
    }
    throw new Error('no refusal');
  };

  test('a code of another form (a police force area, markup)', () => {
    for (const code of ['W15000001', 'E07000078', '<b>E22000093</b>']) {
      const e = refusal(input(code));
      expect(e.problem).toBe('BAD_CODE');
      expect(e.message).not.toContain(code);
      expect(e.message).toContain('W14');
    }
  });

  test('a code of the right form the lookup does not hold', () => {
    const e = refusal(input('E22999999'));
    expect([e.problem, e.message]).toEqual([
      'UNKNOWN_CODE',
      'No community safety partnership in the ONS lookup has the code E22999999.',
    ]);
  });

  test('a partnership whose districts were merged with others in 2019 (Bournemouth, E22000063)', () => {
    expect(refusal(input('E22000063')).problem).toBe('NO_WHOLE_DISTRICT');
  });

  test('a slug that is not lower-case words joined by hyphens', () => {
    const e = refusal(input('E22000093', { slug: 'Cheltenham CSP' }));
    expect(e.problem).toBe('BAD_SLUG');
    expect(e.message).not.toContain('Cheltenham CSP');
  });
});

test('slugs from names', () => {
  expect(slugOf('Brighton and Hove')).toBe('brighton-and-hove');
  expect(slugOf('Bath & North East Somerset')).toBe('bath-and-north-east-somerset');
  expect(slugOf("King's Lynn and West Norfolk")).toBe('kings-lynn-and-west-norfolk');
  expect(slugOf('Ynys Môn')).toBe('ynys-mon');
});
