import { CsvFormatError } from '../../src/ingest/csv/csv-reader';
import { RunFailure, SourceFormatError } from '../../src/ingest/connector';
import { runError, UNEXPECTED_RUN_ERROR } from '../../src/ingest/run-error';
import { publishedName, SourceFetchError } from '../../src/ingest/source';
import { SuspectDeliveryError } from '../../src/ingest/whole-source';

// What a failed run's record says (anyone may read it) and what the log gets, by kind of error.

test("the hub's own failures are recorded as worded; what they leave out goes to the log", () => {
  expect(
    runError(new SourceFormatError('not a partner feed: missing column(s) "area"', 'the header read: 1471,x')),
  ).toMatchObject({
    message: 'not a partner feed: missing column(s) "area"',
    detail: 'not a partner feed: missing column(s) "area" (the header read: 1471,x)',
  });
  expect(
    runError(new SuspectDeliveryError('suspect delivery: E1 m 2022', 'suspect delivery: E1 m 2022 200 to 50')),
  ).toMatchObject({
    message: 'suspect delivery: E1 m 2022',
    detail: 'suspect delivery: E1 m 2022 (suspect delivery: E1 m 2022 200 to 50)',
  });
  for (const err of [
    new CsvFormatError('a quoted field is not closed before the end of the file', 7),
    new SourceFetchError('HTTP 404 from https://example.org/x.csv', false),
    new RunFailure('the run timed out after 30 s'),
  ])
    expect(runError(err)).toMatchObject({ message: err.message, detail: err.message });
});

test('anything else is recorded as unexpected, never as it said; the log has it whole', () => {
  for (const err of [
    new Error("EACCES: permission denied, open '/srv/hub/private/feed.csv'"),
    new Error('invalid byte sequence for encoding "UTF8": 0x00'),
    new TypeError("Cannot read properties of undefined (reading 'value')"),
    'a thrown string',
  ]) {
    const recorded = runError(err);
    expect(recorded.message).toBe(UNEXPECTED_RUN_ERROR);
    expect(recorded.detail).toBe(err instanceof Error ? err.message : err);
  }
});

test('a source as published: a file by its name, a URL without credentials, anything else by its last part', () => {
  expect(publishedName({ file: '/srv/hub/feeds/2024-03-hampshire-street.csv' })).toBe('2024-03-hampshire-street.csv');
  expect(publishedName({ url: 'https://user:secret@data.example.org/a.csv?x=1' })).toBe(
    'https://data.example.org/a.csv?x=1',
  );
  expect(publishedName({ url: 'file:///srv/hub/feeds/a.csv' })).toBe('a.csv');
  expect(publishedName({ url: '/srv/hub/not-a-url.csv' })).toBe('not-a-url.csv');
});
