/** A numeric field as published: empty is null; anything else must be a finite number. */
export function parseNumber(text: string | undefined): number | null | 'invalid' {
  const t = (text ?? '').trim();
  if (t === '') return null;
  const n = Number(t.replace(/,/g, ''));
  return Number.isFinite(n) ? n : 'invalid';
}
