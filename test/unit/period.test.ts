import { Frequency } from '../../src/domain/enums';
import { isIsoDate, monthRange, parsePeriod, PeriodError } from '../../src/analytics/period';

test.each([
  ['2022-02', Frequency.MONTH, '2022-02-01', '2022-02-28'],
  ['2024-02', Frequency.MONTH, '2024-02-01', '2024-02-29'],
  ['2022-12', Frequency.MONTH, '2022-12-01', '2022-12-31'],
  ['2022-Q1', Frequency.QUARTER, '2022-01-01', '2022-03-31'],
  ['2022-Q4', Frequency.QUARTER, '2022-10-01', '2022-12-31'],
  ['2021/22', Frequency.FINANCIAL_YEAR, '2021-04-01', '2022-03-31'],
  ['1999/00', Frequency.FINANCIAL_YEAR, '1999-04-01', '2000-03-31'],
  ['2022', Frequency.YEAR, '2022-01-01', '2022-12-31'],
])('%s is a %s from %s to %s', (period, frequency, start, end) => {
  expect(parsePeriod(period)).toEqual({ period, frequency, start, end });
});

test.each(['2022-13', '2022-00', '2022-Q5', '2021/23', '2021/2022', '22', '2022-2', 'Feb 2022', '', '2020/21 - 22/23'])(
  '"%s" is not a period',
  (bad) => {
    expect(() => parsePeriod(bad)).toThrow(PeriodError);
    // The reason, for messages to callers, does not repeat the string; the message does, for logs.
    let caught: unknown;
    try {
      parsePeriod(bad);
    } catch (err) {
      caught = err;
    }
    const err = caught as PeriodError;
    // One of two fixed texts, whatever the string: nothing of it is repeated.
    expect([
      'is not a period: use 2022-02 (month), 2022-Q1 (quarter), 2021/22 (financial year) or 2022 (year)',
      'is not a financial year: the second year must follow the first (e.g. 2021/22)',
    ]).toContain(err.reason);
    expect(err.message).toBe(`"${bad}" ${err.reason}`);
  },
);

test('ISO dates must exist in the calendar', () => {
  expect(isIsoDate('2024-02-29')).toBe(true);
  expect(isIsoDate('2023-02-29')).toBe(false);
  expect(isIsoDate('2023-04-31')).toBe(false);
  expect(isIsoDate('2023-4-30')).toBe(false);
});

test('month ranges run across year ends, hold both ends, and are empty backwards', () => {
  expect(monthRange('2021-11', '2022-02')).toEqual(['2021-11', '2021-12', '2022-01', '2022-02']);
  expect(monthRange('2022-05', '2022-05')).toEqual(['2022-05']);
  expect(monthRange('2022-05', '2022-04')).toEqual([]);
  expect(monthRange('2019-01', '2021-12')).toHaveLength(36);
  expect(monthRange('9999-11', '9999-12')).toEqual(['9999-11', '9999-12']);
  expect(monthRange('9999-12', '10000-01')).toEqual(['9999-12', '10000-01']);
});
