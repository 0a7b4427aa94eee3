import { feedValue } from '../../src/ingest/connectors/feed-value';

// One reading of a partner's value cell for the feed connector and the submission upload.

test('numbers as published, thousands separators and spaces included', () => {
  expect(feedValue('431')).toEqual({ kind: 'number', value: 431 });
  expect(feedValue(' 1,234.5 ')).toEqual({ kind: 'number', value: 1234.5 });
  expect(feedValue('-3')).toEqual({ kind: 'number', value: -3 });
});

test('suppression and not-available markers, in any case and with spaces', () => {
  for (const m of ['*', '[c]', '[C]', 'c', ' * ']) expect(feedValue(m)).toEqual({ kind: 'suppressed' });
  for (const m of ['[x]', '[X]', '..', ':']) expect(feedValue(m)).toEqual({ kind: 'not-available' });
});

test('empty and unreadable cells are told apart', () => {
  expect(feedValue('')).toEqual({ kind: 'empty' });
  expect(feedValue('   ')).toEqual({ kind: 'empty' });
  expect(feedValue('many')).toEqual({ kind: 'invalid' });
  expect(feedValue('NaN')).toEqual({ kind: 'invalid' });
  expect(feedValue('Infinity')).toEqual({ kind: 'invalid' });
});
