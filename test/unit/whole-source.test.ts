import { describeSuspicion, suspicion, type Figure } from '../../src/ingest/whole-source';

// When a figure's move makes a whole delivery suspect. Counts (a police month, a population) are
// judged by their own size; rates and percentages (Fingertips) by the count behind them, so a
// suicide rate of 9.8 per 100,000 resting on 140 deaths is judged although it is under 20, and a
// rate of 150 resting on 12 cases is not. The figures are made up for the rule, by hand.

const COUNT = 'police.all-crime';
const RATE = 'fingertips.41001';
const isCount = (code: string): boolean => code === COUNT;
const fig = (measureCode: string, value: number | null, numerator: number | null = null, areaCode = 'E06000044') => ({
  measureCode,
  areaCode,
  period: '2022',
  value,
  numerator,
});

const moves = (before: Figure, after: Figure): number => suspicion([before], [after], 0.3, isCount)?.moved.length ?? 0;

test('a count is judged when it is 20 or more, as before', () => {
  expect(moves(fig(COUNT, 200), fig(COUNT, 50))).toBe(1);
  expect(moves(fig(COUNT, 200), fig(COUNT, 198))).toBe(0);
  // 20 to 27 is 35%; 8 to 3 is more, but a small count is noise.
  expect(moves(fig(COUNT, 20), fig(COUNT, 27))).toBe(1);
  expect(moves(fig(COUNT, 8), fig(COUNT, 3))).toBe(0);
});

test('a rate or a percentage is judged by its numerator, not by its size', () => {
  // 9.8 to 5 is a 49% fall of a rate resting on 140 deaths.
  expect(moves(fig(RATE, 9.8, 140), fig(RATE, 5, 71))).toBe(1);
  // 150 to 300 doubles a rate resting on 12 cases: ordinary for so few.
  expect(moves(fig(RATE, 150, 12), fig(RATE, 300, 24))).toBe(0);
  // Without a numerator the size says nothing of the noise: judged.
  expect(moves(fig(RATE, 9.8), fig(RATE, 5))).toBe(1);
  expect(moves(fig(RATE, 9.8), fig(RATE, 9))).toBe(0);
  // Nothing to take a share of.
  expect(moves(fig(RATE, 0), fig(RATE, 5))).toBe(0);
});

test('a value that is gone has moved as far as it can; a missing figure is missing whatever its size', () => {
  expect(moves(fig(RATE, 149.4, 321), fig(RATE, null))).toBe(1);
  expect(moves(fig(RATE, 12.5, 3), fig(RATE, null))).toBe(0);
  const s = suspicion([fig(RATE, 149.4, 321), fig(COUNT, 3, null, 'E06000045')], [fig(RATE, null)], 0.3, isCount)!;
  expect(s.missing).toHaveLength(1);
  expect(describeSuspicion(s, 0.3)).toBe(
    'suspect delivery, nothing written: 1 figure(s) delivered before are missing: E06000045 police.all-crime 2022 (was 3). ' +
      '1 figure(s) moved by more than 30%: E06000044 fingertips.41001 2022 149.4 to no value. ' +
      'If the source really changed, run it again forced (npm run ingest -- <dataset> --force, or "forced": true on the job).',
  );
});
