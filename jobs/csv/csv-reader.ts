// A streaming RFC 4180 CSV reader. It accepts what published files really contain: a UTF-8
// byte order mark, CRLF or LF line endings (even mixed), quoted fields holding commas,
// semicolons, quotes ("") and newlines, and a trailing newline or none. Each record carries
// the physical line it starts on and its raw text, so a rejected row can be reported as it was.

export interface CsvRecord {
  /** 1-based physical line the record starts on (the header is line 1). */
  line: number;
  fields: string[];
  raw: string;
}

export class CsvFormatError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(`line ${line}: ${message}`);
    this.name = 'CsvFormatError';
  }
}

const QUOTE = 34;
const COMMA = 44;
const CR = 13;
const LF = 10;

interface Parsed {
  record: CsvRecord;
  next: number;
}

/** Parses one record starting at `start`; null if the text ends before the record does. */
function parseRecord(text: string, start: number, line: number, final: boolean): Parsed | null {
  const fields: string[] = [];
  let i = start;
  let lines = 0;
  for (;;) {
    let value: string;
    if (text.charCodeAt(i) === QUOTE) {
      let out = '';
      let j = i + 1;
      for (;;) {
        const q = text.indexOf('"', j);
        if (q === -1) {
          if (final) throw new CsvFormatError('a quoted field is not closed before the end of the file', line);
          return null;
        }
        out += text.slice(j, q);
        if (text.charCodeAt(q + 1) === QUOTE) {
          out += '"';
          j = q + 2;
          continue;
        }
        if (q + 1 >= text.length && !final) return null;
        i = q + 1;
        break;
      }
      for (let k = 0; k < out.length; k += 1) if (out.charCodeAt(k) === LF) lines += 1;
      value = out;
      const c = text.charCodeAt(i);
      if (i < text.length && c !== COMMA && c !== CR && c !== LF) {
        throw new CsvFormatError(
          'text after a closing quote (a quote inside a quoted field must be doubled)',
          line + lines,
        );
      }
    } else {
      let j = i;
      for (;;) {
        const c = text.charCodeAt(j);
        if (j >= text.length || c === COMMA || c === CR || c === LF) break;
        j += 1;
      }
      if (j >= text.length && !final) return null;
      value = text.slice(i, j);
      i = j;
    }
    fields.push(value);
    const c = text.charCodeAt(i);
    if (c === COMMA) {
      i += 1;
      continue;
    }
    if (i >= text.length) {
      return { record: { line, fields, raw: text.slice(start, i) }, next: i };
    }
    // End of record: CRLF, LF or a lone CR.
    const end = i;
    if (c === CR) {
      if (i + 1 >= text.length && !final) return null;
      i += text.charCodeAt(i + 1) === LF ? 2 : 1;
    } else {
      i += 1;
    }
    return { record: { line, fields, raw: text.slice(start, end) }, next: i };
  }
}

function countLines(raw: string): number {
  let n = 1;
  for (let k = 0; k < raw.length; k += 1) if (raw.charCodeAt(k) === LF) n += 1;
  return n;
}

/** Reads records from text chunks (a file or HTTP body decoded as UTF-8), one at a time. */
export async function* readCsv(chunks: AsyncIterable<string>): AsyncGenerator<CsvRecord> {
  let text = '';
  let line = 1;
  let first = true;
  const drain = function* (final: boolean): Generator<CsvRecord> {
    let pos = 0;
    while (pos < text.length) {
      const parsed = parseRecord(text, pos, line, final);
      if (!parsed) break;
      pos = parsed.next;
      line += countLines(parsed.record.raw);
      yield parsed.record;
    }
    text = text.slice(pos);
  };
  for await (const chunk of chunks) {
    text += first && chunk.charCodeAt(0) === 0xfeff ? chunk.slice(1) : chunk;
    first = false;
    yield* drain(false);
  }
  yield* drain(true);
}

/** Reads a whole string (tests, small files). */
export async function* readCsvText(text: string): AsyncGenerator<CsvRecord> {
  yield* readCsv(
    (async function* () {
      yield text;
    })(),
  );
}
