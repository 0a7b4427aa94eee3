import { Frequency } from '../../src/domain/enums';
import { monthsOf, periodOf, periodsBetween, rollUp, RollupError, type Figure } from '../../src/analytics/rollup';

const month = (
  period: string,
  value: number | null,
  numerator: number | null = null,
  denominator: number | null = null,
): Figure => ({ period, value, numerator, denominator });
const year2022 = Array.from({ length: 12 }, (_, i) => month(`2022-${String(i + 1).padStart(2, '0')}`, i + 1));

test('months fall in quarters, financial years (April to March) and years', () => {
  expect(periodOf('2022-03', Frequency.QUARTER)).toBe('2022-Q1');
  expect(periodOf('2022-04', Frequency.QUARTER)).toBe('2022-Q2');
  expect(periodOf('2022-03', Frequency.FINANCIAL_YEAR)).toBe('2021/22');
  expect(periodOf('2022-04', Frequency.FINANCIAL_YEAR)).toBe('2022/23');
  expect(periodOf('1999-12', Frequency.FINANCIAL_YEAR)).toBe('1999/00');
  expect(monthsOf('2021/22')).toEqual([
    '2021-04',
    '2021-05',
    '2021-06',
    '2021-07',
    '2021-08',
    '2021-09',
    '2021-10',
    '2021-11',
    '2021-12',
    '2022-01',
    '2022-02',
    '2022-03',
  ]);
  expect(periodsBetween('2021-11', '2022-02', Frequency.QUARTER)).toEqual(['2021-Q4', '2022-Q1']);
});

test('counts are summed: 1..12 by month is 6, 15, 24, 33 by quarter and 78 for the year', () => {
  expect(rollUp(year2022, Frequency.MONTH, Frequency.QUARTER, true, 1000).points.map((p) => p.value)).toEqual([
    6, 15, 24, 33,
  ]);
  expect(rollUp(year2022, Frequency.MONTH, Frequency.YEAR, true, 1000).points).toEqual([
    { period: '2022', value: 78, numerator: null, denominator: null },
  ]);
});

test('an incomplete period is a gap, not a smaller total', () => {
  const missingMay = year2022.filter((f) => f.period !== '2022-05');
  const q = rollUp(missingMay, Frequency.MONTH, Frequency.QUARTER, true, 1000);
  expect(q.points.map((p) => p.period)).toEqual(['2022-Q1', '2022-Q3', '2022-Q4']);
  expect(q.gaps).toEqual([{ period: '2022-Q2', reason: 'incomplete: no figure for 2022-05' }]);
  // January to March 2022 alone is not the financial year 2021/22.
  const fy = rollUp(year2022.slice(0, 3), Frequency.MONTH, Frequency.FINANCIAL_YEAR, true, 1000);
  expect(fy.points).toEqual([]);
  expect(fy.gaps[0]!.period).toBe('2021/22');
});

test('rates are recomputed from summed numerators and denominators, never averaged', () => {
  // 1 in 100 and 9 in 100: the quarter is 10 in 200, i.e. 50 per 1,000 (the average of 10 and 90 is 50 too) ...
  // ... but 1 in 100 and 9 in 300 is 10 in 400 = 25 per 1,000, not the average of 10 and 30.
  const rates = [month('2022-01', 10, 1, 100), month('2022-02', 30, 9, 300), month('2022-03', 0, 0, 0)];
  const q = rollUp(rates, Frequency.MONTH, Frequency.QUARTER, false, 1000);
  expect(q.points).toEqual([{ period: '2022-Q1', value: 25, numerator: 10, denominator: 400 }]);
  const noNumerators = rollUp(
    [month('2022-01', 10), month('2022-02', 30), month('2022-03', 20)],
    Frequency.MONTH,
    Frequency.QUARTER,
    false,
    1000,
  );
  expect(noNumerators.points).toEqual([]);
  expect(noNumerators.gaps[0]!.reason).toBe('a rate without its numerator and denominator cannot be rolled up');
});

test('quarters roll up to calendar and financial years; years cannot roll down or across', () => {
  const quarters = [1, 2, 3, 4].map((q) => month(`2022-Q${q}`, q * 10));
  expect(rollUp(quarters, Frequency.QUARTER, Frequency.YEAR, true, 1000).points[0]!.value).toBe(100);
  expect(() => rollUp([month('2022', 5)], Frequency.YEAR, Frequency.MONTH, true, 1000)).toThrow(RollupError);
  // 2022/23 is April 2022 to March 2023: 2022-Q2, Q3, Q4 and 2023-Q1, so 20 + 30 + 40 + 50 = 140.
  // 2021/22 would need 2021-Q2 to Q4 too: incomplete, a gap, never a partial sum.
  const fy = rollUp([...quarters, month('2023-Q1', 50)], Frequency.QUARTER, Frequency.FINANCIAL_YEAR, true, 1000);
  expect(fy.points).toEqual([{ period: '2022/23', value: 140, numerator: null, denominator: null }]);
  expect(fy.gaps).toEqual([{ period: '2021/22', reason: 'incomplete: no figure for 2021-Q2, 2021-Q3, 2021-Q4' }]);
  expect(() => rollUp([month('2022', 5)], Frequency.YEAR, Frequency.FINANCIAL_YEAR, true, 1000)).toThrow(
    'figures by year cannot be rolled up to financial_year',
  );
});
