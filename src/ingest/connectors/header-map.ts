import { SourceFormatError } from '../connector';

/**
 * Finds columns by name (case and spacing ignored); refuses a header missing a required one,
 * quoting what it found unless `quote` is false (a feed whose first line may be figures that
 * are not public: the message is stored on the run, which anyone may read).
 */
export function headerMap(
  header: string[],
  required: string[],
  what: string,
  quote = true,
): (fields: string[], name: string) => string {
  const norm = (s: string): string => s.trim().toLowerCase().replace(/\s+/g, '_');
  const index = new Map(header.map((h, i) => [norm(h), i]));
  const missing = required.filter((r) => !index.has(norm(r)));
  const found = quote ? header.map((h) => `"${h}"`).join(', ') : `${header.length} column(s), not quoted`;
  if (missing.length)
    throw new SourceFormatError(
      `not ${what}: missing column(s) ${missing.map((m) => `"${m}"`).join(', ')}; found ${found}`,
    );
  // Asked by the same few names for every row: each name is normalised and looked up once (it
  // was a tenth of a 100,000-row feed's read).
  const byName = new Map<string, number>();
  return (fields, name) => {
    let i = byName.get(name);
    if (i === undefined) byName.set(name, (i = index.get(norm(name)) ?? -1));
    return (fields[i] ?? '').trim();
  };
}
