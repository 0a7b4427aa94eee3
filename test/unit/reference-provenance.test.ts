import { join } from 'node:path';
import { readReferenceData } from '../../src/reference/reference-files';
import { readGeography } from '../../src/geography/geography-files';
import { readDocumentTexts } from '../../src/reference/document-texts';
import {
  checkProvenance,
  dueDateOf,
  numberIn,
  normaliseForComparison,
  periodIn,
  statedIn,
} from '../../src/reference/provenance-check';
import type { ReferenceData } from '../../src/reference/reference.types';

// Acceptance 2 of issue 15: every text, figure and date of the reference data is either in the
// document it cites (data/documents/, copies of the partnerships' published texts) or marked as
// the hub's by a decision. The negative cases show the check fails on what it is there to catch.

const ROOT = join(__dirname, '..', '..');
// The areas a partnership file may name are the geography's (data/geography/).
const AREAS = new Set(readGeography(join(ROOT, 'data', 'geography')).areas.map((a) => a.code));
const fresh = (): ReferenceData => readReferenceData(join(ROOT, 'data', 'reference'), AREAS);
const data = fresh();
const texts = readDocumentTexts(join(ROOT, 'data', 'documents'), data.documents);

test('every document the reference data cites has its text in data/documents', () => {
  expect([...texts.keys()].sort()).toEqual(data.documents.map((d) => d.id).sort());
});

test("every text, figure and date of the reference data is in its document or marked as the hub's", () => {
  expect(checkProvenance(data, texts)).toEqual([]);
});

describe('the check fails on what it is there to catch', () => {
  const gloucester = (d: ReferenceData) => d.partnerships.find((p) => p.slug === 'safer-gloucester')!;

  test('an invented sentence added to a group purpose', () => {
    const d = fresh();
    const group = gloucester(d).groups.find((g) => g.id === 'safer-gloucester-substance-action-group')!;
    group.purpose = `${group.purpose} It meets every Tuesday at the Guildhall.`;
    expect(checkProvenance(d, texts)).toEqual([
      'partnership safer-gloucester group safer-gloucester-substance-action-group.purpose: not in its document, and no decision says whose it is',
    ]);
  });

  test('a paraphrase of a priority rationale (one word changed)', () => {
    const d = fresh();
    const hate = gloucester(d).plans[0]!.priorities.find((p) => p.code === '6')!;
    hate.rationale = hate.rationale!.replace('particularly serious crime', 'very serious crime');
    expect(checkProvenance(d, texts)).toEqual([
      'partnership safer-gloucester plan safer-gloucester-2011-12 priority 6.rationale: not in its document, and no decision says whose it is',
    ]);
  });

  test('a figure whose value is not in its quote', () => {
    const d = fresh();
    const ae = gloucester(d).figures.find((f) => f.measure === 'quoted.under-18-ae-attendances')!;
    ae.value = 85;
    expect(checkProvenance(d, texts)).toEqual([
      'partnership safer-gloucester figure quoted.under-18-ae-attendances E07000081 2010.value: not in the words quoted, and no decision says whose it is',
    ]);
  });

  test('a period inferred without saying so', () => {
    const d = fresh();
    const hits = gloucester(d).figures.find((f) => f.measure === 'quoted.police-uk-crime-map-hits-first-week')!;
    hits.decisions = hits.decisions!.filter((x) => x.field !== 'period');
    expect(checkProvenance(d, texts)).toEqual([
      'partnership safer-gloucester figure quoted.police-uk-crime-map-hits-first-week K04000001 2011-02.period: not in the words quoted, and no decision says whose it is',
    ]);
  });

  test('an owner, access or polarity the plan never gives, with no decision', () => {
    const d = fresh();
    const requests = d.measures.find((m) => m.code === 'partner.da-disclosure-scheme-requests')!;
    requests.decisions = requests.decisions!.filter((x) => x.field !== 'owner');
    requests.polarity = 'LOWER_IS_BETTER' as typeof requests.polarity;
    expect(checkProvenance(d, texts)).toEqual([
      'measure partner.da-disclosure-scheme-requests.owner: a value documents do not state, and no decision says whose it is',
      'measure partner.da-disclosure-scheme-requests.polarity: a value documents do not state, and no decision says whose it is',
    ]);
  });

  test('a DOCUMENT decision whose quote the document does not have', () => {
    const d = fresh();
    const women = d.measures.find((m) => m.code === 'partner.women-in-drug-and-alcohol-treatment')!;
    const polarity = women.decisions!.find((x) => x.field === 'polarity')!;
    polarity.reason = 'Increase the number of women in treatment every quarter';
    expect(checkProvenance(d, texts)).toEqual([
      "measure partner.women-in-drug-and-alcohol-treatment.polarity: the DOCUMENT decision's quote is not in the document",
    ]);
  });

  test('a record citing a document whose text is not held', () => {
    const without = new Map([...texts].filter(([id]) => id !== '003_3aaa439e97498fb5.txt'));
    expect(checkProvenance(data, without)).toContain(
      'partnership safer-portsmouth plan safer-portsmouth-2018-23: cites a document whose text is not held',
    );
  });
});

test('text is compared with markup, quote and dash styles, spacing and case set aside', () => {
  expect(normaliseForComparison('Priority A - Violence <i>Focusing</i>  on ‘low level’ crime – **City**')).toBe(
    "priority a - violence focusing on 'low level' crime - city",
  );
  expect(statedIn('The Hate Crime "Report It" helpline', ['the hate crime "report it" helpline number'])).toBe(true);
  // Each paragraph, and each run between elisions, must be found; together they need not be adjacent.
  expect(
    statedIn('overseeing the work of the ... Members receive reports', [
      'overseeing the work of the . members receive reports',
    ]),
  ).toBe(true);
  expect(statedIn('overseeing the work of the partnership', ['overseeing the work of the . members'])).toBe(false);
});

test('figures are found however a document prints them', () => {
  expect(numberIn(119700, 'a population of 119,700 (2008)')).toBe(true);
  expect(numberIn(310000000, 'attracted 310 million hits')).toBe(true);
  expect(numberIn(-4.5, 'an overall decrease of 4.5% for 2019/2020')).toBe(true);
  expect(numberIn(4, 'four of its wards')).toBe(true);
  expect(numberIn(1, 'of those 84, 12 were 13 years old')).toBe(false);
  expect(numberIn(4, 'a 0.4% rise')).toBe(false);
  expect(periodIn('2019/20', 'for 2019/2020')).toBe(true);
  expect(periodIn('2020/21', 'partnership 2020-21')).toBe(true);
  expect(periodIn('2010-01', 'from 3.1 per day in january 2010')).toBe(true);
  expect(periodIn('2010/11', 'since 2010')).toBe(false);
  expect(periodIn('2021-Q1', 'in 2021')).toBe(false);
});

test('a deadline as written gives the last day of its last month, or of its financial year', () => {
  expect(dueDateOf('Feb-March 2021')).toBe('2021-03-31');
  expect(dueDateOf('December 2020')).toBe('2020-12-31');
  expect(dueDateOf('2011/12')).toBe('2012-03-31');
  expect(dueDateOf('early 2021')).toBeNull();
});
