// Which value a figure shows when more than one source delivers it: a connector's dataset, a
// partner's submission, a plan's quoted figure. Pure: the writer reads the rows, asks here what
// to do with each delivered figure, and writes the answer.
//
// The rules:
// - The shown value is always the latest word of the source named on the row.
// - A source that re-delivers what it last delivered changes nothing, even when another source
//   has changed the figure since: an hourly feed re-reading an unchanged file never undoes a
//   partner's correction.
// - A source that delivers something new (a first value, or a value other than its last) wins:
//   the later change is shown, and the value it replaces is kept (as a revision, and as that
//   source's latest word while it still stands).
// - A source that agrees with the shown value is remembered as agreeing, so a later change by
//   either is measured against it.
// - A figure has a conflict while another source's latest word differs from the shown value.

/** What one source says of a figure. */
export interface FigureWord {
  value: number | null;
  numerator?: number | null;
  denominator?: number | null;
  lowerCi?: number | null;
  upperCi?: number | null;
  note?: string | null;
  suppressed?: boolean;
}

/** The figure as stored: its shown word and the source of it. */
export interface ShownFigure extends FigureWord {
  sourceKey: string;
  /** Withdrawn with no other source to fall back on: the row is kept for its history only. */
  withdrawn: boolean;
  conflict: boolean;
}

export type Decision =
  /** No figure yet: insert it. */
  | { kind: 'insert' }
  /** The same source, the same word: nothing to write. */
  | { kind: 'unchanged' }
  /** The source repeats its last word while another's later change is shown: nothing to write. */
  | { kind: 'keep-later' }
  /** Another source's value is shown and equals this word: remember the source's word, set the flag. */
  | { kind: 'agree'; conflict: boolean }
  /** The shown source changed its word: keep the old value as a revision, show the new one. */
  | { kind: 'revise'; conflict: boolean }
  /** Another source changed its word: keep the shown one as a revision and as that source's word. */
  | { kind: 'override'; conflict: boolean }
  /** The figure had been withdrawn: show this word. */
  | { kind: 'restore'; conflict: boolean };

const same = (a: number | null | undefined, b: number | null | undefined): boolean => (a ?? null) === (b ?? null);

/** Whether two words differ in anything a source says: the figure, its interval, note and suppression. */
export function differs(a: FigureWord, b: FigureWord): boolean {
  return !(
    same(a.value, b.value) &&
    same(a.numerator, b.numerator) &&
    same(a.denominator, b.denominator) &&
    same(a.lowerCi, b.lowerCi) &&
    same(a.upperCi, b.upperCi) &&
    (a.note ?? null) === (b.note ?? null) &&
    (a.suppressed ?? false) === (b.suppressed ?? false)
  );
}

/**
 * Whether two sources disagree on the figure itself. A note or an interval one source gives and
 * the other does not is not a conflict: the value, its numerator and denominator, or whether it
 * is suppressed is.
 */
export function disagree(a: FigureWord, b: FigureWord): boolean {
  return (
    !same(a.value, b.value) ||
    !same(a.numerator, b.numerator) ||
    !same(a.denominator, b.denominator) ||
    (a.suppressed ?? false) !== (b.suppressed ?? false)
  );
}

/** Whether any of the other sources' words disagrees with the shown one. */
export function inConflict(shown: FigureWord, others: Iterable<FigureWord>): boolean {
  for (const o of others) if (disagree(o, shown)) return true;
  return false;
}

/**
 * What to do with `incoming` from `source`, given the figure as stored (if any) and the latest
 * words of the sources other than the shown one (by source key).
 */
export function decide(
  current: ShownFigure | undefined,
  incoming: FigureWord,
  source: string,
  others: ReadonlyMap<string, FigureWord>,
): Decision {
  if (!current) return { kind: 'insert' };
  const othersBut = (key: string): FigureWord[] => [...others].filter(([k]) => k !== key).map(([, w]) => w);
  if (current.withdrawn) return { kind: 'restore', conflict: inConflict(incoming, othersBut(source)) };
  if (current.sourceKey === source) {
    if (!differs(current, incoming)) return { kind: 'unchanged' };
    return { kind: 'revise', conflict: inConflict(incoming, othersBut(source)) };
  }
  const last = others.get(source);
  if (last && !differs(last, incoming)) return { kind: 'keep-later' };
  if (!differs(current, incoming)) {
    const words = new Map(others).set(source, incoming);
    return { kind: 'agree', conflict: inConflict(current, words.values()) };
  }
  // The shown word becomes its source's standing word; this source's own old word goes.
  const words = [...othersBut(source), current];
  return { kind: 'override', conflict: inConflict(incoming, words) };
}
