import { join } from 'node:path';
import { readReferenceData } from '../../src/reference/reference-files';
import { checkReferences } from '../../src/reference/reference-check';
import { referenceRows } from '../../src/reference/reference-rows';
import { partnershipShape } from '../../src/reference/reference.shapes';
import type { Problems } from '../../src/reference/shape';

const REFERENCE = join(__dirname, '..', '..', 'data', 'reference');

test('the shipped reference data reads without a problem and flattens to stable ids', () => {
  const data = readReferenceData(REFERENCE);
  expect(data.partnerships.map((p) => p.slug).sort()).toEqual([
    'gosport',
    'safer-gloucester',
    'safer-north-hampshire',
    'safer-portsmouth',
  ]);
  expect(data.documents).toHaveLength(5);
  const rows = referenceRows(data);
  expect(rows.priorities.filter((p) => p.planId === 'gosport-2020-21').map((p) => p.id)).toEqual([
    'gosport-2020-21/1',
    'gosport-2020-21/2',
    'gosport-2020-21/3',
  ]);
  expect(rows.actions.filter((a) => a.planId === 'gosport-2020-21')).toHaveLength(20);
  expect(new Set(rows.measureLinks.map((l) => l.id)).size).toBe(rows.measureLinks.length);
  expect(referenceRows(readReferenceData(REFERENCE))).toEqual(rows);
  // Every measure has a source part of its code; police measures follow police.<crime type>.
  expect(rows.measures.find((m) => m.code === 'police.violence-and-sexual-offences')).toMatchObject({
    source: 'police',
    datasetId: 'police-street',
  });
});

test('a shape problem names the file path of the field and what was expected', () => {
  const problems: Problems = [];
  partnershipShape({ slug: 'Bad Slug', name: '', areas: ['E07000088', 'nowhere'], extra: 1 }, 'p.json', problems);
  expect(problems).toEqual(
    expect.arrayContaining([
      'p.json.extra: unknown field',
      'p.json.slug: expected a kebab-case id, found "Bad Slug"',
      'p.json.name: expected a non-empty string, found string',
      'p.json.areas[1]: expected a GSS code such as E07000088, found "nowhere"',
      'p.json.plans: expected an array, found undefined',
    ]),
  );
});

test('cross-references: unknown codes, duplicates and colliding figures are all reported', () => {
  const data = readReferenceData(REFERENCE);
  const gosport = data.partnerships.find((p) => p.slug === 'gosport')!;
  gosport.areas.push('E07000999');
  gosport.figures.push({ ...gosport.figures[0]! });
  gosport.plans[0]!.priorities[0]!.themes.push('UNKNOWN_THEME');
  data.themes.push({ ...data.themes[0]! });
  const problems = checkReferences(data);
  expect(problems).toEqual(
    expect.arrayContaining([
      'partnership gosport: unknown area "E07000999"',
      'plan gosport-2020-21 priority 1: unknown theme "UNKNOWN_THEME"',
      'theme "DOMESTIC_ABUSE" is defined more than once',
    ]),
  );
  expect(problems.some((p) => /^figure .* is given more than once$/.test(p))).toBe(true);
  expect(problems).toHaveLength(4);
});
