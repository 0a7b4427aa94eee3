import { parsePeriod } from '../analytics/period';
import { badInput } from './hub-error';

/** A period argument's first or last day; a bad period is the client's BAD_USER_INPUT. */
export function periodBound(period: string, argument: string, side: 'start' | 'end'): string {
  try {
    return parsePeriod(period)[side];
  } catch (err) {
    throw badInput(`"${argument}": ${(err as Error).message}`, argument);
  }
}
