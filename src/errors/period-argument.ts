import { parsePeriod, type PeriodSpan } from '../analytics/period';
import { badInput } from './hub-error';

/** A period argument parsed; a bad period is the client's BAD_USER_INPUT naming the argument. */
export function periodArgument(period: string, argument: string): PeriodSpan {
  try {
    return parsePeriod(period);
  } catch (err) {
    throw badInput(`"${argument}": ${(err as Error).message}`, argument);
  }
}

/** A period argument's first or last day. */
export function periodBound(period: string, argument: string, side: 'start' | 'end'): string {
  return periodArgument(period, argument)[side];
}
