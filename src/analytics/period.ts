import { Frequency } from '../domain/enums';

// Period strings in the four forms the hub uses, and the dates they span.
// Month 2022-02, calendar quarter 2022-Q1, financial year 2021/22 (April to March), year 2022.

export interface PeriodSpan {
  period: string;
  frequency: Frequency;
  /** First day, ISO date. */
  start: string;
  /** Last day, ISO date. */
  end: string;
}

/**
 * A string that is not a period. `reason` says why without repeating the string (for messages
 * that go back to a caller); the message quotes it, for whoever reads a log or a test.
 */
export class PeriodError extends Error {
  constructor(
    period: string,
    readonly reason: string,
  ) {
    super(`"${period}" ${reason}`);
    this.name = 'PeriodError';
  }
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

function lastDayOfMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function isoDate(year: number, month: number, day: number): string {
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

function monthSpan(period: string, frequency: Frequency, year: number, firstMonth: number, months: number): PeriodSpan {
  const endMonthIndex = firstMonth - 1 + months - 1;
  const endYear = year + Math.floor(endMonthIndex / 12);
  const endMonth = (endMonthIndex % 12) + 1;
  return {
    period,
    frequency,
    start: isoDate(year, firstMonth, 1),
    end: isoDate(endYear, endMonth, lastDayOfMonth(endYear, endMonth)),
  };
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const QUARTER = /^(\d{4})-Q([1-4])$/;
const FINANCIAL_YEAR = /^(\d{4})\/(\d{2})$/;
const YEAR = /^(\d{4})$/;

// Spans by period string. A load asks for the same few periods on every row (the connector,
// the row rules and the writer each do), as do the sorts of a series: each is worked out once
// and the one frozen span is shared. At most SPANS_KEPT are kept, so that no input can grow it
// without bound; a bad period is never kept (it throws each time).
const SPANS_KEPT = 10_000;
const spans = new Map<string, PeriodSpan>();

/** Parses a period string; throws PeriodError with the accepted forms when it is none of them. */
export function parsePeriod(period: string): PeriodSpan {
  let span = spans.get(period);
  if (span === undefined) {
    span = Object.freeze(parseSpan(period));
    if (spans.size < SPANS_KEPT) spans.set(period, span);
  }
  return span;
}

function parseSpan(period: string): PeriodSpan {
  let m = MONTH.exec(period);
  if (m) return monthSpan(period, Frequency.MONTH, Number(m[1]), Number(m[2]), 1);
  m = QUARTER.exec(period);
  if (m) return monthSpan(period, Frequency.QUARTER, Number(m[1]), (Number(m[2]) - 1) * 3 + 1, 3);
  m = FINANCIAL_YEAR.exec(period);
  if (m) {
    const start = Number(m[1]);
    if ((start + 1) % 100 !== Number(m[2])) {
      throw new PeriodError(period, 'is not a financial year: the second year must follow the first (e.g. 2021/22)');
    }
    return monthSpan(period, Frequency.FINANCIAL_YEAR, start, 4, 12);
  }
  m = YEAR.exec(period);
  if (m) return monthSpan(period, Frequency.YEAR, Number(m[1]), 1, 12);
  throw new PeriodError(
    period,
    'is not a period: use 2022-02 (month), 2022-Q1 (quarter), 2021/22 (financial year) or 2022 (year)',
  );
}

export function isPeriod(period: string): boolean {
  try {
    parsePeriod(period);
    return true;
  } catch {
    return false;
  }
}

/** ISO date check (YYYY-MM-DD that exists in the calendar). */
export function isIsoDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return mo >= 1 && mo <= 12 && d >= 1 && d <= lastDayOfMonth(y, mo);
}

/** The months from one to another ('YYYY-MM', both included), in order; none when `to` comes first. */
export function monthRange(from: string, to: string): string[] {
  // Counted as numbers, not compared as text: after 9999-12 comes 10000-01, which sorts first.
  const index = (month: string): number => {
    const [y, m] = month.split('-').map(Number) as [number, number];
    return y * 12 + (m - 1);
  };
  const out: string[] = [];
  for (let i = index(from), last = index(to); i <= last; i += 1) {
    out.push(`${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`);
  }
  return out;
}
