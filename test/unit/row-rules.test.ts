import { Frequency, Unit } from '../../src/domain/enums';
import { parseNumber } from '../../src/ingest/connectors/number-field';
import { figureProblem, periodProblem, valueProblem } from '../../src/ingest/row-rules';

// The one row check every door uses. Expected reasons are the rules as the intake states them;
// the figures are the cases partners sent in practice (a month for a quarterly measure, 3.5
// people, 140 out of 100).

const TODAY = '2026-11-29';
const quarterlyCount = { unit: Unit.COUNT, frequency: Frequency.QUARTER };

test("a period must be the measure's own frequency, and must have begun", () => {
  expect(periodProblem('2024-Q1', Frequency.QUARTER, TODAY)).toBeNull();
  expect(periodProblem('2024-05', Frequency.QUARTER, TODAY)).toBe(
    'the measure is published by quarter: its period must be a quarter such as 2022-Q1',
  );
  expect(periodProblem('2023/24', Frequency.QUARTER, TODAY)).toMatch(/published by quarter/);
  expect(periodProblem('2024', Frequency.QUARTER, TODAY)).toMatch(/published by quarter/);
  expect(periodProblem('2024', Frequency.FINANCIAL_YEAR, TODAY)).toBe(
    'the measure is published by financial year: its period must be a financial year such as 2021/22',
  );
  // 2026-Q4 began on 1 October 2026; 2027-Q1 begins after today; 2030 long after.
  expect(periodProblem('2026-Q4', Frequency.QUARTER, TODAY)).toBeNull();
  expect(periodProblem('2027-Q1', Frequency.QUARTER, TODAY)).toBe('the period has not begun yet');
  expect(periodProblem('2030', Frequency.YEAR, TODAY)).toBe('the period has not begun yet');
  expect(periodProblem('<img src=x>', Frequency.YEAR, TODAY)).toBe(
    'the period is not a month (2022-02), quarter (2022-Q1), financial year (2021/22) or year (2022)',
  );
});

test('counts are whole numbers of 0 or more', () => {
  expect(figureProblem({ period: '2024-Q1', value: 34 }, quarterlyCount, TODAY)).toBeNull();
  expect(figureProblem({ period: '2024-Q1', value: 0 }, quarterlyCount, TODAY)).toBeNull();
  expect(figureProblem({ period: '2024-Q1', value: 3.5 }, quarterlyCount, TODAY)).toBe(
    'a count must be a whole number of 0 or more',
  );
  expect(figureProblem({ period: '2024-Q1', value: -1 }, quarterlyCount, TODAY)).toBe(
    'a count must be a whole number of 0 or more',
  );
  // A suppressed or unavailable figure has no value to judge.
  expect(figureProblem({ period: '2024-Q1', value: null }, quarterlyCount, TODAY)).toBeNull();
});

test('percentages lie in 0-100 and match their numerator over denominator within rounding', () => {
  const pct = (value: number, numerator?: number, denominator?: number): string | null =>
    valueProblem({ period: '2024', value, numerator, denominator }, Unit.PERCENTAGE);
  expect(pct(58.3)).toBeNull();
  expect(pct(140)).toBe('a percentage must lie between 0 and 100');
  expect(pct(-2)).toBe('a percentage must lie between 0 and 100');
  // 140 over 100 is refused whatever value is given with it.
  expect(pct(100, 140, 100)).toBe('the numerator cannot be more than the denominator');
  // 1 of 3 is 33.33...%: 33 (published rounded) and 33.3 match, 40 does not.
  expect(pct(33, 1, 3)).toBeNull();
  expect(pct(33.3, 1, 3)).toBeNull();
  expect(pct(40, 1, 3)).toBe('the percentage does not match its numerator over its denominator');
  expect(pct(50, 1, 0)).toBe('the denominator must be more than 0');
});

test('rates, money and averages are not negative; a change cannot fall below -100%; ranks start at 1', () => {
  expect(valueProblem({ period: '2024', value: -0.1 }, Unit.RATE_PER_1000)).toBe('a rate cannot be negative');
  expect(valueProblem({ period: '2024', value: 12.4 }, Unit.RATE_PER_100000)).toBeNull();
  expect(valueProblem({ period: '2024', value: -5 }, Unit.AMOUNT_GBP)).toBe('a sum of money cannot be negative');
  expect(valueProblem({ period: '2024', value: -63 }, Unit.PERCENTAGE_CHANGE)).toBeNull();
  expect(valueProblem({ period: '2024', value: -101 }, Unit.PERCENTAGE_CHANGE)).toBe(
    'a fall of more than 100% is not possible',
  );
  expect(valueProblem({ period: '2024', value: 0 }, Unit.RANK)).toBe('a rank must be a whole number of 1 or more');
  expect(valueProblem({ period: '2024', value: 12, lowerCi: 14, upperCi: 10 }, Unit.RATE_PER_1000)).toBe(
    'the lower confidence limit is above the upper one',
  );
});

test('numbers are written plainly: thousands grouped by commas, but no decimal comma, hex or binary', () => {
  expect(parseNumber('1500')).toBe(1500);
  expect(parseNumber(' 1,234,567.5 ')).toBe(1234567.5);
  expect(parseNumber('-4.5')).toBe(-4.5);
  expect(parseNumber('.5')).toBe(0.5);
  expect(parseNumber('2e3')).toBe(2000);
  expect(parseNumber('')).toBeNull();
  for (const text of ['1,5', '0x10', '0b11', '0o7', '1_000', '12,34', 'Infinity', '1.2.3', '--1', '1 000', '١٢'])
    expect([text, parseNumber(text)]).toEqual([text, 'invalid']);
});
