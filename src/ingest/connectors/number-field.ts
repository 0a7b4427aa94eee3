// A number as published in a CSV cell: digits with an optional sign, decimal point and exponent,
// or digits grouped in thousands by commas (1,234,567.5), as spreadsheets export them. Nothing
// else: Number() alone would read "0x10" as 16, "0b11" as 3 and " " as 0, and stripping every
// comma would read the decimal comma of "1,5" as 15.
const PLAIN = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const GROUPED = /^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$/;

/** A numeric field as published: empty is null; anything else must be a finite number written plainly. */
export function parseNumber(text: string | undefined): number | null | 'invalid' {
  const t = (text ?? '').trim();
  if (t === '') return null;
  if (!PLAIN.test(t) && !GROUPED.test(t)) return 'invalid';
  const n = Number(t.replace(/,/g, ''));
  return Number.isFinite(n) ? n : 'invalid';
}
