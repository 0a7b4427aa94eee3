import { csvHeader, csvRow } from '../../src/server/csv';

// Each cell as the export writes it, the expected text written out by hand.

test('the header: byte order mark, names, CRLF', () => {
  expect(csvHeader(['measure', 'area', 'value'])).toBe('\ufeffmeasure,area,value\r\n');
});

test('plain cells: numbers as written, empty for null, booleans as words, dates as ISO', () => {
  expect(csvRow(['E07000088', 12, -4.5, 0.25, null, undefined, '', true, false])).toBe(
    'E07000088,12,-4.5,0.25,,,,true,false\r\n',
  );
  expect(csvRow([new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 6)), '2019/20', '2024-01-01'])).toBe(
    '2024-01-02T03:04:05.006Z,2019/20,2024-01-01\r\n',
  );
});

test('quoted when a cell holds a comma, a quote or a line break', () => {
  expect(csvRow(['a,b', 'say "hi"', 'two\nlines', 'cr\rhere', 'both\r\n'])).toBe(
    '"a,b","say ""hi""","two\nlines","cr\rhere","both\r\n"\r\n',
  );
});

test('text that starts like a formula gets a leading quote mark; numbers never do', () => {
  expect(csvRow(['=1+2', '+44 20', '-2+3', '@SUM(A1)', '\tx', '\rx', '＝1'])).toBe(
    `'=1+2,'+44 20,'-2+3,'@SUM(A1),'\tx,"'\rx",'＝1\r\n`,
  );
  expect(csvRow(['=HYPERLINK("https://evil.example","Open")'])).toBe(
    `"'=HYPERLINK(""https://evil.example"",""Open"")"\r\n`,
  );
  // A figure is passed as a number: -4.5 stays -4.5. The same figure as text would be escaped.
  expect(csvRow([-4.5, -63, -0.001])).toBe('-4.5,-63,-0.001\r\n');
  expect(csvRow(['-4.5'])).toBe("'-4.5\r\n");
  // Only the first character counts.
  expect(csvRow(['a-b', 'x=y', 'gap: incomplete'])).toBe('a-b,x=y,gap: incomplete\r\n');
});
