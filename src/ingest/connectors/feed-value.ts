import { parseNumber } from './number-field';

// How a partner writes a value, in a feed or in a submission: a number, "*", "[c]" or "c" for a
// value withheld to protect small numbers (kept as suppressed, never as zero), "[x]", ".." or ":"
// for a figure that is not available. One reading for both, so a file means the same whichever
// way it reaches the hub.

export type FeedValue =
  | { kind: 'number'; value: number }
  | { kind: 'suppressed' }
  | { kind: 'not-available' }
  | { kind: 'empty' }
  | { kind: 'invalid' };

const SUPPRESSED = new Set(['*', '[c]', 'c']);
const NOT_AVAILABLE = new Set(['[x]', '..', ':']);

export function feedValue(raw: string): FeedValue {
  const marker = raw.trim().toLowerCase();
  if (SUPPRESSED.has(marker)) return { kind: 'suppressed' };
  if (NOT_AVAILABLE.has(marker)) return { kind: 'not-available' };
  const n = parseNumber(raw);
  if (n === null) return { kind: 'empty' };
  if (n === 'invalid') return { kind: 'invalid' };
  return { kind: 'number', value: n };
}
