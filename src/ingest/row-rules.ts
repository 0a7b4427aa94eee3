import { parsePeriod, PeriodError } from '../analytics/period';
import { Frequency, Unit } from '../domain/enums';
import { holdsNul } from '../domain/text';

// The rules every figure meets, whichever door it comes in by: a connector's file or API, a
// partner feed, a submission, or a figure the reference data quotes from a document. One check,
// pure (no store, no GraphQL); the doors differ only in what they do with a problem: a feed
// rejects the row with its line and reason and goes on, a submission or a reference load
// refuses the whole. Reasons never quote the input: they may reach a caller who may not see it.

/** What the rules need to know of a measure. */
export interface MeasureShape {
  unit: Unit;
  frequency: Frequency;
}

/** A figure as it is about to be written. */
export interface FigureValues {
  period: string;
  value: number | null;
  numerator?: number | null;
  denominator?: number | null;
  lowerCi?: number | null;
  upperCi?: number | null;
}

const PERIOD_FORM: Record<Frequency, string> = {
  [Frequency.MONTH]: 'a month such as 2022-02',
  [Frequency.QUARTER]: 'a quarter such as 2022-Q1',
  [Frequency.FINANCIAL_YEAR]: 'a financial year such as 2021/22',
  [Frequency.YEAR]: 'a calendar year such as 2022',
};

/** A percentage published rounded to a whole number still matches its ratio. */
const PERCENT_ROUNDING = 0.5;

const isNumber = (v: number | null | undefined): v is number => v !== null && v !== undefined;
const notFinite = (v: number | null | undefined): boolean => isNumber(v) && !Number.isFinite(v);

/**
 * The problem with the figure's period for a measure published at `frequency` (null when the
 * measure is unknown: only the period's form and start are judged), or null. `today` is YYYY-MM-DD.
 */
export function periodProblem(period: string, frequency: Frequency | null, today: string): string | null {
  let span;
  try {
    span = parsePeriod(period);
  } catch (err) {
    if (err instanceof PeriodError)
      return 'the period is not a month (2022-02), quarter (2022-Q1), financial year (2021/22) or year (2022)';
    throw err;
  }
  // Coarser periods are worked out by roll-up from the measure's own, never stored beside them:
  // a stored year next to its quarters could disagree with their sum.
  if (frequency !== null && span.frequency !== frequency)
    return `the measure is published by ${frequency.toLowerCase().replace('_', ' ')}: its period must be ${PERIOD_FORM[frequency]}`;
  if (span.start > today) return 'the period has not begun yet';
  return null;
}

/** The problem with the figure's values for this measure's unit, or null. */
export function valueProblem(f: FigureValues, unit: Unit): string | null {
  // A test per field rather than a loop over a list of name and value pairs: that list, built
  // for every row, was most of the rules' time on a load of 100,000 figures.
  if (notFinite(f.value)) return 'the value is not a finite number';
  if (notFinite(f.numerator)) return 'the numerator is not a finite number';
  if (notFinite(f.denominator)) return 'the denominator is not a finite number';
  if (notFinite(f.lowerCi)) return 'the lower confidence limit is not a finite number';
  if (notFinite(f.upperCi)) return 'the upper confidence limit is not a finite number';
  if (isNumber(f.numerator) && f.numerator < 0) return 'the numerator cannot be negative';
  if (isNumber(f.denominator) && f.denominator <= 0) return 'the denominator must be more than 0';
  if (isNumber(f.lowerCi) && isNumber(f.upperCi) && f.lowerCi > f.upperCi)
    return 'the lower confidence limit is above the upper one';
  const v = f.value;
  if (!isNumber(v)) return null; // suppressed or not available: nothing to judge
  switch (unit) {
    case Unit.COUNT:
      return Number.isInteger(v) && v >= 0 ? null : 'a count must be a whole number of 0 or more';
    case Unit.RANK:
      return Number.isInteger(v) && v >= 1 ? null : 'a rank must be a whole number of 1 or more';
    case Unit.PERCENTAGE: {
      if (v < 0 || v > 100) return 'a percentage must lie between 0 and 100';
      if (isNumber(f.numerator) && isNumber(f.denominator)) {
        if (f.numerator > f.denominator) return 'the numerator cannot be more than the denominator';
        if (Math.abs(v - (f.numerator / f.denominator) * 100) > PERCENT_ROUNDING)
          return 'the percentage does not match its numerator over its denominator';
      }
      return null;
    }
    case Unit.PERCENTAGE_CHANGE:
      return v >= -100 ? null : 'a fall of more than 100% is not possible';
    case Unit.RATE_PER_1000:
    case Unit.RATE_PER_100000:
    case Unit.AMOUNT_GBP:
    case Unit.DAILY_AVERAGE:
      return v >= 0 ? null : `a ${unit === Unit.AMOUNT_GBP ? 'sum of money' : 'rate'} cannot be negative`;
  }
}

/** A figure's text: its codes, period and note. */
export interface FigureText {
  measureCode: string;
  areaCode: string;
  period: string;
  note?: string | null;
}

/**
 * The problem with a figure's text, or null: a NUL character (U+0000) in a code, the period or
 * the note (src/domain/text.ts: PostgreSQL cannot store one). Names the fields, not their text.
 */
export function textProblem(f: FigureText): string | null {
  // Four tests and no list: the rules run on every figure of a load.
  const measure = holdsNul(f.measureCode);
  const area = holdsNul(f.areaCode);
  const period = holdsNul(f.period);
  const note = typeof f.note === 'string' && holdsNul(f.note);
  if (!measure && !area && !period && !note) return null;
  const fields = [measure && 'measure', area && 'area', period && 'period', note && 'note'].filter(
    (x): x is string => typeof x === 'string',
  );
  return `the ${fields.join(' and the ')} ${fields.length > 1 ? 'hold' : 'holds'} a NUL character (U+0000), which the hub does not store`;
}

/** The first problem with a figure for this measure, or null when it may be written. */
export function figureProblem(f: FigureValues, measure: MeasureShape, today: string): string | null {
  return periodProblem(f.period, measure.frequency, today) ?? valueProblem(f, measure.unit);
}
