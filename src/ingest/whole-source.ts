// A source that delivers a whole period for a set of areas (a police.uk month for a force, an
// ONS population file) replaces what it delivered before only when the new delivery is plausibly
// whole. A cut file (the first 50 rows of a month) would otherwise set a force's month from
// 14,848 crimes to 50 without a word. Suspect: an area the source delivered for the period
// before is missing, or an area's figure moves by more than a share (30% unless the job says
// otherwise). A suspect delivery is refused whole, naming the areas and figures, unless the run
// is forced. Pure: the runner reads the earlier figures and writes nothing when this says no.

/** What a connector says its delivery is the whole of. */
export interface WholeDelivery {
  /** The measures whose figures it delivers whole (e.g. police.all-crime, the total of the others). */
  measures: string[];
  /** The areas it covers; 'all' when it covers every area the source ever delivered (a national file). */
  areas: string[] | 'all';
  /** The periods it is for. */
  periods: string[];
}

export interface Figure {
  measureCode: string;
  areaCode: string;
  period: string;
  value: number | null;
}

/** How far a figure may move before the delivery is suspect, unless a job says otherwise. */
export const DEFAULT_MAX_CHANGE = 0.3;

/**
 * Earlier figures under this are judged only for going missing: a move from 3 to 5 is
 * ordinary noise, not a sign of a cut file.
 */
export const SMALLEST_JUDGED = 20;

export interface Suspicion {
  missing: Figure[];
  moved: Array<{ before: Figure; after: Figure }>;
}

const key = (f: Figure): string => `${f.measureCode}|${f.areaCode}|${f.period}`;

/** What makes the delivery suspect against what the source delivered before, or null when it is plausibly whole. */
export function suspicion(
  before: readonly Figure[],
  delivered: readonly Figure[],
  maxChange: number,
): Suspicion | null {
  const now = new Map(delivered.map((f) => [key(f), f]));
  const missing: Figure[] = [];
  const moved: Suspicion['moved'] = [];
  for (const b of before) {
    const a = now.get(key(b));
    if (!a) {
      missing.push(b);
      continue;
    }
    if (b.value === null || a.value === null || Math.abs(b.value) < SMALLEST_JUDGED) continue;
    if (Math.abs(a.value - b.value) / Math.abs(b.value) > maxChange) moved.push({ before: b, after: a });
  }
  return missing.length || moved.length ? { missing, moved } : null;
}

const LISTED = 8;

function list<T>(items: readonly T[], show: (item: T) => string): string {
  const shown = items.slice(0, LISTED).map(show).join('; ');
  return items.length > LISTED ? `${shown}; and ${items.length - LISTED} more` : shown;
}

/** The refusal, naming the areas and figures (codes and numbers only: nothing a file said in words). */
export function describeSuspicion(s: Suspicion, maxChange: number): string {
  const parts: string[] = [];
  if (s.missing.length)
    parts.push(
      `${s.missing.length} figure(s) delivered before are missing: ${list(
        s.missing,
        (f) => `${f.areaCode} ${f.measureCode} ${f.period} (was ${f.value ?? 'no value'})`,
      )}`,
    );
  if (s.moved.length)
    parts.push(
      `${s.moved.length} figure(s) moved by more than ${Math.round(maxChange * 100)}%: ${list(
        s.moved,
        (m) => `${m.before.areaCode} ${m.before.measureCode} ${m.before.period} ${m.before.value} to ${m.after.value}`,
      )}`,
    );
  return `suspect delivery, nothing written: ${parts.join('. ')}. If the source really changed, run it again forced (npm run ingest -- <dataset> --force, or "forced": true on the job).`;
}

/** A delivery refused as suspect: the run fails and writes nothing. */
export class SuspectDeliveryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SuspectDeliveryError';
  }
}
