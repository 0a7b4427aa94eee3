import { decide, type FigureWord, type ShownFigure } from '../../src/ingest/precedence';

// Which value a figure shows when two doors deliver it, case by case: the feed ("feed") and a
// partner's submission ("sub"). Each expectation is the rule in words, checked by hand.

const shown = (value: number, sourceKey: string, extra: Partial<ShownFigure> = {}): ShownFigure => ({
  value,
  sourceKey,
  withdrawn: false,
  conflict: false,
  ...extra,
});
const word = (value: number | null, extra: Partial<FigureWord> = {}): FigureWord => ({ value, ...extra });
const none = new Map<string, FigureWord>();

test('a new figure is inserted; the same source repeating itself changes nothing', () => {
  expect(decide(undefined, word(34), 'feed', none)).toEqual({ kind: 'insert' });
  expect(decide(shown(34, 'feed'), word(34), 'feed', none)).toEqual({ kind: 'unchanged' });
});

test("the shown source's own correction is a revision; a conflict stands while another source differs", () => {
  expect(decide(shown(34, 'feed'), word(35), 'feed', none)).toEqual({ kind: 'revise', conflict: false });
  // The partner had said 35 (agreeing then); the feed now says 36.
  expect(decide(shown(35, 'feed'), word(36), 'feed', new Map([['sub', word(35)]]))).toEqual({
    kind: 'revise',
    conflict: true,
  });
  // The feed comes round to the partner's 99.
  expect(decide(shown(34, 'feed', { conflict: true }), word(99), 'feed', new Map([['sub', word(99)]]))).toEqual({
    kind: 'revise',
    conflict: false,
  });
});

test("another source's later change wins, and the shown value's source then disagrees", () => {
  // The partner corrects the feed's 34 to 99.
  expect(decide(shown(34, 'feed'), word(99), 'sub', none)).toEqual({ kind: 'override', conflict: true });
});

test('a source repeating its last word never overwrites a later change from another door', () => {
  // The feed re-reads its unchanged 34 while the partner's 99 is shown.
  expect(decide(shown(99, 'sub', { conflict: true }), word(34), 'feed', new Map([['feed', word(34)]]))).toEqual({
    kind: 'keep-later',
  });
  // A changed word from the feed is a later change: it wins, and the partner's 99 still differs.
  expect(decide(shown(99, 'sub', { conflict: true }), word(35), 'feed', new Map([['feed', word(34)]]))).toEqual({
    kind: 'override',
    conflict: true,
  });
});

test('a source agreeing with the shown value is remembered, and ends a conflict when it was the only one', () => {
  expect(decide(shown(34, 'feed'), word(34), 'sub', none)).toEqual({ kind: 'agree', conflict: false });
  // The partner had said 99; it now says the feed's 35.
  expect(decide(shown(35, 'feed', { conflict: true }), word(35), 'sub', new Map([['sub', word(99)]]))).toEqual({
    kind: 'agree',
    conflict: false,
  });
  // A third source still differs.
  expect(
    decide(
      shown(35, 'feed', { conflict: true }),
      word(35),
      'sub',
      new Map([
        ['sub', word(99)],
        ['documents', word(30)],
      ]),
    ),
  ).toEqual({ kind: 'agree', conflict: true });
});

test('a note or an interval alone is no conflict, but any change of it is a new word', () => {
  // The partner's 34 without the feed's note is a later word: shown, and no conflict.
  expect(decide(shown(34, 'feed', { note: 'provisional' }), word(34), 'sub', none)).toEqual({
    kind: 'override',
    conflict: false,
  });
  expect(decide(shown(34, 'feed', { lowerCi: 30, upperCi: 38 }), word(34), 'sub', none)).toEqual({
    kind: 'override',
    conflict: false,
  });
  expect(decide(shown(34, 'feed'), word(34, { note: 'final' }), 'feed', none)).toEqual({
    kind: 'revise',
    conflict: false,
  });
  // Suppression is part of the figure: a suppressed word disagrees with a shown 3.
  expect(decide(shown(3, 'feed'), word(null, { suppressed: true }), 'sub', none)).toEqual({
    kind: 'override',
    conflict: true,
  });
});

test('a withdrawn figure given again shows the new word', () => {
  expect(decide(shown(0, 'sub', { value: null, withdrawn: true }), word(37), 'sub', none)).toEqual({
    kind: 'restore',
    conflict: false,
  });
});
