import { parsePeriod, PeriodError, type PeriodSpan } from '../analytics/period';
import { badInput } from './hub-error';

/**
 * A period argument parsed; a bad period is the client's BAD_USER_INPUT naming the argument and
 * the accepted forms, never repeating what was sent (it may be markup or a secret pasted by
 * mistake, and the message may be shown or logged as it is).
 */
export function periodArgument(period: string, argument: string): PeriodSpan {
  try {
    return parsePeriod(period);
  } catch (err) {
    if (err instanceof PeriodError) throw badInput(`"${argument}" ${err.reason}`, argument);
    throw err;
  }
}

/** A period argument's first or last day. */
export function periodBound(period: string, argument: string, side: 'start' | 'end'): string {
  return periodArgument(period, argument)[side];
}
