import { CsvFormatError, readCsv, readCsvText, type CsvRecord } from '../../src/ingest/csv/csv-reader';

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

test('mixed line endings in one file, lone CR included: each ends a record and a line; raw has no line ending', async () => {
  const records = await all(readCsvText('a,b\r\n1,2\n3,4\r5,6'));
  expect(records).toEqual([
    { line: 1, fields: ['a', 'b'], raw: 'a,b' },
    { line: 2, fields: ['1', '2'], raw: '1,2' },
    { line: 3, fields: ['3', '4'], raw: '3,4' },
    { line: 4, fields: ['5', '6'], raw: '5,6' },
  ]);
});

test('a CRLF inside a quoted field is one line, and chunking does not change it', async () => {
  // Lines: 1 "a,b", 2 `1,"x`, 3 `y"`, 4 "2,3", 5 "", 6 "4,5".
  const text = 'a,b\r\n1,"x\r\ny"\r\n2,3\r\n\r\n4,5\r\n';
  const expected = [
    { line: 1, fields: ['a', 'b'], raw: 'a,b' },
    { line: 2, fields: ['1', 'x\r\ny'], raw: '1,"x\r\ny"' },
    { line: 4, fields: ['2', '3'], raw: '2,3' },
    { line: 5, fields: [''], raw: '' },
    { line: 6, fields: ['4', '5'], raw: '4,5' },
  ];
  expect(await all(readCsvText(text))).toEqual(expected);
  for (const size of [1, 2, 3]) expect(await all(readCsv(chunked(text, size)))).toEqual(expected);
});

test('a quote inside an unquoted field is text, as files written by hand have it', async () => {
  const records = await all(readCsvText('item,size\npipe,5" wide\n'));
  expect(records.map((r) => r.fields)).toEqual([
    ['item', 'size'],
    ['pipe', '5" wide'],
  ]);
  expect(records[1]!.raw).toBe('pipe,5" wide');
});

test('nothing, a byte order mark alone and blank lines at the end', async () => {
  expect(await all(readCsvText(''))).toEqual([]);
  expect(await all(readCsvText('\ufeff'))).toEqual([]);
  expect((await all(readCsvText('a\n\n'))).map(({ line, fields }) => ({ line, fields }))).toEqual([
    { line: 1, fields: ['a'] },
    { line: 2, fields: [''] },
  ]);
});

test('a character outside the BMP split across chunks is read whole', async () => {
  const text = 'name\n"caf\u00e9 \u{1F600}"\n';
  const whole = await all(readCsvText(text));
  expect(whole[1]!.fields).toEqual(['caf\u00e9 \u{1F600}']);
  expect(await all(readCsv(chunked(text, 1)))).toEqual(whole);
});

test('format errors give the line and the reason, never the text of the file', async () => {
  // The record starts on line 2; its quote closes on line 3 and is followed by "secret".
  await expect(all(readCsvText('a,b\n1,"x\ny"secret\n'))).rejects.toThrow(
    new CsvFormatError('text after a closing quote (a quote inside a quoted field must be doubled)', 3),
  );
  // The unclosed field opens on line 3 (the record's first line) of a CRLF file and runs to the end.
  for (const size of [1, 4, 1000]) {
    const err = await all(readCsv(chunked('a,b\r\n1,2\r\n3,"secret\r\nmore\r\n', size))).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CsvFormatError);
    expect((err as CsvFormatError).line).toBe(3);
    expect((err as CsvFormatError).message).toBe('line 3: a quoted field is not closed before the end of the file');
  }
});

test('an error of the source is passed on as it is, and stopping early closes the source', async () => {
  const gone = new Error('disk gone');
  async function* failing(): AsyncGenerator<string> {
    yield 'a,b\n1,2\n';
    throw gone;
  }
  await expect(all(readCsv(failing()))).rejects.toBe(gone);

  let closed = false;
  async function* endless(): AsyncGenerator<string> {
    try {
      for (;;) yield 'a,b\n';
    } finally {
      closed = true;
    }
  }
  for await (const r of readCsv(endless())) if (r.line > 3) break;
  await new Promise((resolve) => setImmediate(resolve));
  expect(closed).toBe(true);
});

test('a source that pauses between chunks, and one that fails after a pause', async () => {
  const text = 'a,b\r\n1,"x\ny"\r\n2,3\r\n';
  async function* slow(fail: boolean): AsyncGenerator<string> {
    for (let i = 0; i < text.length; i += 4) {
      await new Promise((resolve) => setTimeout(resolve, 2));
      yield text.slice(i, i + 4);
    }
    if (fail) throw new Error('connection reset');
  }
  expect(await all(readCsv(slow(false)))).toEqual(await all(readCsvText(text)));
  await expect(all(readCsv(slow(true)))).rejects.toThrow('connection reset');
});
