import { CsvFormatError, readCsv, readCsvText, type CsvRecord } from '../../jobs/csv/csv-reader';

async function all(source: AsyncGenerator<CsvRecord>): Promise<CsvRecord[]> {
  const out: CsvRecord[] = [];
  for await (const r of source) out.push(r);
  return out;
}

async function* chunked(text: string, size: number): AsyncGenerator<string> {
  for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
}

test('LF and CRLF files give the same records, with line numbers and no trailing empty record', async () => {
  const lf = 'a,b,c\n1,2,3\n4,,6\n';
  const crlf = lf.replace(/\n/g, '\r\n');
  const expected = [
    { line: 1, fields: ['a', 'b', 'c'] },
    { line: 2, fields: ['1', '2', '3'] },
    { line: 3, fields: ['4', '', '6'] },
  ];
  for (const text of [lf, crlf, lf.trimEnd()]) {
    expect((await all(readCsvText(text))).map(({ line, fields }) => ({ line, fields }))).toEqual(expected);
  }
});

test('quoted fields keep commas, semicolons, doubled quotes and newlines; lines count physical lines', async () => {
  const text =
    'id,name,note\r\n1,"Campylobacter incidence rate/100,000\n",x\r\n2,"say ""hi""; then go",\r\n3,plain,last\r\n';
  const records = await all(readCsvText(text));
  expect(records.map((r) => r.fields)).toEqual([
    ['id', 'name', 'note'],
    ['1', 'Campylobacter incidence rate/100,000\n', 'x'],
    ['2', 'say "hi"; then go', ''],
    ['3', 'plain', 'last'],
  ]);
  expect(records.map((r) => r.line)).toEqual([1, 2, 4, 5]);
  expect(records[2]!.raw).toBe('2,"say ""hi""; then go",');
});

test('a byte order mark is dropped and chunk boundaries anywhere give the same records', async () => {
  const text = '\ufeffIndicator ID,Indicator Name\r\n93356,"Rate/100,000\n"\r\n1,"a""b"\r\n';
  const whole = await all(readCsvText(text));
  expect(whole[0]!.fields).toEqual(['Indicator ID', 'Indicator Name']);
  for (const size of [1, 2, 3, 5, 7, 11]) {
    expect(await all(readCsv(chunked(text, size)))).toEqual(whole);
  }
});

test('short rows are kept short (the caller decides), and empty lines are records with one empty field', async () => {
  const records = await all(readCsvText('a,b,c\n1,2\n\n3,4,5\n'));
  expect(records.map((r) => r.fields)).toEqual([['a', 'b', 'c'], ['1', '2'], [''], ['3', '4', '5']]);
});

test('an unclosed quote and text after a closing quote are format errors with the line', async () => {
  await expect(all(readCsvText('a,b\n1,"open\n'))).rejects.toThrow(
    new CsvFormatError('a quoted field is not closed before the end of the file', 2),
  );
  await expect(all(readCsvText('a,b\n1,"x"y\n'))).rejects.toThrow(CsvFormatError);
});
