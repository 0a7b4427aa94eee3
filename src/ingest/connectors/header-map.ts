import { SourceFormatError } from '../connector';

/**
 * Finds columns by name (case and spacing ignored); refuses a header missing a required one,
 * naming the columns it needs and how many it found, never what they say: a file without its
 * header line starts with figures, which may not be public, and the message is a run's error,
 * which anyone may read (or goes back to a submitter, who has the file).
 */
export function headerMap(
  header: string[],
  required: string[],
  what: string,
): (fields: string[], name: string) => string {
  const norm = (s: string): string => s.trim().toLowerCase().replace(/\s+/g, '_');
  const index = new Map(header.map((h, i) => [norm(h), i]));
  const missing = required.filter((r) => !index.has(norm(r)));
  if (missing.length)
    throw new SourceFormatError(
      `not ${what}: missing column(s) ${missing.map((m) => `"${m}"`).join(', ')}; found ${header.length} column(s)`,
      `the header read: ${header.join(',')}`,
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
