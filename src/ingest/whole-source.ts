// A source that delivers a whole period for a set of areas (a police.uk month for a force, an
// ONS population file, a Fingertips indicator file) replaces what it delivered before only when
// the new delivery is plausibly whole. A cut file (the first 50 rows of a month) would otherwise
// set a force's month from 14,848 crimes to 50 without a word. Suspect: an area the source
// delivered for the period before is missing, or an area's figure moves by more than a share (30%
// unless the job says otherwise). A suspect delivery is refused whole, naming the areas and
// figures, unless the run is forced. Pure: the runner reads the earlier figures and writes
// nothing when this says no.

/**
 * What a connector says its delivery is the whole of: every figure of these measures, areas and
 * periods. A connector gives one part per set of measures that share their periods (a Fingertips
 * file holds each indicator for its own years), so a part never claims a period its measures do
 * not have.
 */
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
  /** The count a rate or a percentage was worked out from, when the source gave one. */
  numerator?: number | null;
}

/** How far a figure may move before the delivery is suspect, unless a job says otherwise. */
export const DEFAULT_MAX_CHANGE = 0.3;

/**
 * Earlier figures resting on fewer events than this are judged only for going missing: a move
 * from 3 to 5 is ordinary noise, not a sign of a cut file.
 */
export const SMALLEST_JUDGED = 20;

export interface Suspicion {
  missing: Figure[];
  /** Figures that moved by more than the share, or lost their value (`after.value` null). */
  moved: Array<{ before: Figure; after: Figure }>;
}

const key = (f: Figure): string => `${f.measureCode}|${f.areaCode}|${f.period}`;

/**
 * How many events an earlier figure rests on, when that can be told: a count is its own value; a
 * rate or a percentage rests on its numerator, not on its value (a suicide rate of 9.8 per 100,000
 * in a county of 1.4 million is about 140 deaths; a completion rate of 6% may be 42 people of 700).
 * Null when a rate came without its numerator.
 */
function eventsBehind(f: Figure, isCount: boolean): number | null {
  if (isCount) return f.value === null ? null : Math.abs(f.value);
  return f.numerator ?? null;
}

/**
 * Whether a change to this earlier figure is judged. A figure resting on under SMALLEST_JUDGED
 * events is not; neither is one of 0 (no share of it can be taken). A rate or a percentage
 * whose numerator is unknown is judged: its size says nothing of how noisy it is, and a revision
 * of more than the share to a figure already published is worth a look (forcing is one flag).
 */
function judged(before: Figure, isCount: boolean): boolean {
  if (before.value === null || before.value === 0) return false;
  const events = eventsBehind(before, isCount);
  return events === null || events >= SMALLEST_JUDGED;
}

/**
 * What makes the delivery suspect against what the source delivered before, or null when it is
 * plausibly whole. `isCount` says which measures' values are counts (judged by their own size);
 * the others are rates, percentages and the like, judged by their numerators.
 */
export function suspicion(
  before: readonly Figure[],
  delivered: readonly Figure[],
  maxChange: number,
  isCount: (measureCode: string) => boolean,
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
    if (b.value === null || !judged(b, isCount(b.measureCode))) continue;
    // A value that is gone (a row with an empty Value) has moved as far as a figure can.
    if (a.value === null || Math.abs(a.value - b.value) / Math.abs(b.value) > maxChange)
      moved.push({ before: b, after: a });
  }
  return missing.length || moved.length ? { missing, moved } : null;
}

const LISTED = 8;

function list<T>(items: readonly T[], show: (item: T) => string): string {
  const shown = items.slice(0, LISTED).map(show).join('; ');
  return items.length > LISTED ? `${shown}; and ${items.length - LISTED} more` : shown;
}

/**
 * The refusal, naming the areas and figures (codes and numbers only: nothing a file said in
 * words). Without `values` it names them by code alone: for a run's error, read by anyone, when
 * a figure named is of a measure that is not public.
 */
export function describeSuspicion(s: Suspicion, maxChange: number, values = true): string {
  const parts: string[] = [];
  const figure = (f: Figure): string => `${f.areaCode} ${f.measureCode} ${f.period}`;
  if (s.missing.length)
    parts.push(
      `${s.missing.length} figure(s) delivered before are missing: ${list(s.missing, (f) =>
        values ? `${figure(f)} (was ${f.value ?? 'no value'})` : figure(f),
      )}`,
    );
  if (s.moved.length)
    parts.push(
      `${s.moved.length} figure(s) moved by more than ${Math.round(maxChange * 100)}%: ${list(s.moved, (m) =>
        values ? `${figure(m.before)} ${m.before.value} to ${m.after.value ?? 'no value'}` : figure(m.before),
      )}`,
    );
  return `suspect delivery, nothing written: ${parts.join('. ')}. If the source really changed, run it again forced (npm run ingest -- <dataset> --force, or "forced": true on the job).`;
}

/** The codes of the measures a suspicion names. */
export const suspectMeasures = (s: Suspicion): string[] => [
  ...new Set([...s.missing.map((f) => f.measureCode), ...s.moved.map((m) => m.before.measureCode)]),
];

/**
 * A delivery refused as suspect: the run fails and writes nothing. The message is the run's
 * error; `detail`, for the server log, has the figures' values when the message leaves them out.
 */
export class SuspectDeliveryError extends Error {
  constructor(
    message: string,
    readonly detail?: string,
  ) {
    super(message);
    this.name = 'SuspectDeliveryError';
  }
}
