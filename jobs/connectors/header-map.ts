import { SourceFormatError } from '../ingest/connector';

/** Finds columns by name (case and spacing ignored); refuses a header missing a required one. */
export function headerMap(header: string[], required: string[], what: string): (fields: string[], name: string) => string {
  const norm = (s: string): string => s.trim().toLowerCase().replace(/\s+/g, '_');
  const index = new Map(header.map((h, i) => [norm(h), i]));
  const missing = required.filter((r) => !index.has(norm(r)));
  if (missing.length) throw new SourceFormatError(`not ${what}: missing column(s) ${missing.map((m) => `"${m}"`).join(', ')}; found ${header.map((h) => `"${h}"`).join(', ')}`);
  return (fields, name) => (fields[index.get(norm(name)) ?? -1] ?? '').trim();
}
