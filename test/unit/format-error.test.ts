import { createFormatError, stripEcho } from '../../src/errors/format-error';
import { createLogger } from '../../src/logging/logger';

test.each([
  [
    'Variable "$first" got invalid value "abc"; Int cannot represent non-integer value: "abc"',
    'Variable "$first" got an invalid value; Int cannot represent non-integer value.',
  ],
  [
    'Variable "$code" got invalid value 12; String cannot represent a non string value: 12',
    'Variable "$code" got an invalid value; String cannot represent a non string value.',
  ],
  ['Value "PLANET" does not exist in "AreaType" enum.', 'That value is not in the AreaType enum.'],
  ['Enum "AreaType" cannot represent non-enum value: PLANET.', 'Enum "AreaType" cannot represent non-enum value.'],
  ['Cannot query field "nme" on type "Area".', 'Cannot query field "nme" on type "Area".'],
  // graphql-scalars' DateTime, as a literal and as a variable.
  [
    'DateTime cannot represent an invalid date-time-string <img src=x>.',
    'DateTime cannot represent an invalid date-time-string.',
  ],
  [
    'Variable "$since" got invalid value "<b>"; DateTime cannot represent an invalid date-time-string <b>.',
    'Variable "$since" got an invalid value; DateTime cannot represent an invalid date-time-string.',
  ],
  [
    'DateTime cannot represent non string or Date type {"a":"<b>"}',
    'DateTime cannot represent non string or Date type.',
  ],
  ['Unknown operation named "<img src=x>".', 'No operation in the document has the name given as operationName.'],
])('%s', (raw, stripped) => {
  expect(stripEcho(raw)).toBe(stripped);
});

test('unknown errors are masked and logged with the original; client errors keep code and details', () => {
  const lines: string[] = [];
  const format = createFormatError(createLogger('info', {}, (l) => lines.push(l)));
  const masked = format(
    {
      message: 'SQLITE_ERROR: no such table: key_person',
      extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: ['at x'] },
    },
    new Error('no such table: key_person'),
  );
  expect(masked).toEqual({
    message: 'Internal server error.',
    locations: undefined,
    path: undefined,
    extensions: { code: 'INTERNAL_SERVER_ERROR' },
  });
  expect(JSON.parse(lines[0]!)).toMatchObject({
    level: 'error',
    msg: 'unexpected error',
    error: { message: 'no such table: key_person' },
  });

  const noCode = format({ message: 'oops' }, new TypeError('x is undefined'));
  expect(noCode.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR' });

  const client = format(
    {
      message: 'No partnership matches the "slug" argument.',
      extensions: { code: 'NOT_FOUND', what: 'partnership', argument: 'slug', stacktrace: ['at y'] },
    },
    undefined,
  );
  expect(client).toEqual({
    message: 'No partnership matches the "slug" argument.',
    extensions: { code: 'NOT_FOUND', what: 'partnership', argument: 'slug' },
  });
});
