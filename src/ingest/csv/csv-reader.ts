import { pipeline, Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { parse, type CsvError, type Options, type Parser } from 'csv-parse';

// CSV read through csv-parse's streaming parser, set to accept what published files really
// contain: a UTF-8 byte order mark, CRLF, LF or lone CR line endings (even mixed), quoted fields
// holding commas, semicolons, quotes ("") and newlines, a trailing newline or none, and rows
// shorter than the header. Each record carries the physical line it starts on and its raw text,
// so a rejected row can be reported as it was.

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

/** What csv-parse gives for each record with `raw: true`. */
interface ParsedRecord {
  record: string[];
  raw: string;
}

const QUOTE_NOT_CLOSED = 'a quoted field is not closed before the end of the file';
const TEXT_AFTER_QUOTE = 'text after a closing quote (a quote inside a quoted field must be doubled)';

const CR = 13;
const LF = 10;
const COMMA = 44;
const QUOTE = 34;

const OPTIONS: Options = {
  bom: true,
  // All three, anywhere: left to itself, csv-parse takes the first ending it meets as the only
  // one, so in a file that mixes them it would run lines together or keep a CR in a field.
  record_delimiter: ['\r\n', '\n', '\r'],
  // Short rows are the caller's to judge (Fingertips leaves trailing columns off).
  relax_column_count: true,
  // A quote inside an unquoted field is text (5" wide), as it always was here. This also lets
  // text after a closing quote through, which misplacedClosingQuote finds.
  relax_quotes: true,
  // A blank line is a record of one empty field; connectors skip it.
  skip_empty_lines: false,
  // The record's text, for rejected-row reports, and for counting its lines. `info: true` is
  // not used: its line count takes a CRLF inside quotes as two lines, and it costs an object a record.
  raw: true,
  // A malformed record is reported through on_skip without ending the stream, so the records
  // before it are all read first and the error's line is the line of that record.
  skip_records_with_error: true,
};

/**
 * Newlines in `text` before `end`. Inside a quoted field only a LF starts a new line (a CRLF
 * counts once, a lone CR not at all), as this reader has always counted; the record's own line
 * ending, whichever it is, is counted by the caller.
 */
function newlines(text: string, end = text.length): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < end; i = text.indexOf('\n', i + 1)) n += 1;
  return n;
}

/**
 * Where a closing quote is followed by something other than a comma or the end of the record,
 * or -1. A field is quoted when it starts with a quote, to the first quote not doubled; an
 * unquoted one runs to the next comma whatever it holds. Stops at a quoted field left open:
 * csv-parse reports that one.
 */
function misplacedClosingQuote(raw: string): number {
  for (let pos = 0; ; pos += 1) {
    if (raw.charCodeAt(pos) === QUOTE) {
      let q = raw.indexOf('"', pos + 1);
      while (q !== -1 && raw.charCodeAt(q + 1) === QUOTE) q = raw.indexOf('"', q + 2);
      if (q === -1) return -1;
      pos = q + 1;
      if (pos < raw.length && raw.charCodeAt(pos) !== COMMA) return pos;
    } else {
      pos = raw.indexOf(',', pos);
    }
    if (pos === -1 || pos >= raw.length) return -1;
  }
}

/**
 * A reason for csv-parse's error, by code: its message quotes the file, which must not reach a
 * report. With the options above an unclosed quote is the only error it has to give (a
 * misplaced closing quote is found by misplacedClosingQuote); any other is named by its code.
 */
function reasonFor(err: CsvError | undefined): string {
  if (err?.code === 'CSV_QUOTE_NOT_CLOSED') return QUOTE_NOT_CLOSED;
  return `the file is not readable as CSV (${err?.code ?? 'unknown error'})`;
}

/**
 * Passes the text on whole characters: a chunk ending on the first half of a surrogate pair
 * keeps it for the next one, as the parser encodes each chunk to UTF-8 on its own.
 */
async function* wholeCharacters(chunks: AsyncIterable<string>): AsyncGenerator<string> {
  let held = '';
  for await (const chunk of chunks) {
    const text = held + chunk;
    const last = text.charCodeAt(text.length - 1);
    const cut = last >= 0xd800 && last <= 0xdbff ? text.length - 1 : text.length;
    held = text.slice(cut);
    if (cut > 0) yield text.slice(0, cut);
  }
  if (held) yield held;
}

/** Resolves when the parser has something to read (or has reached its end). */
const readable = (parser: Parser): Promise<false> =>
  new Promise((resolve) => parser.once('readable', () => resolve(false)));

/** Reads records from text chunks (a file or HTTP body decoded as UTF-8), one at a time. */
export async function* readCsv(chunks: AsyncIterable<string>): AsyncGenerator<CsvRecord> {
  // The first malformed record: its reason, how many records come before it and on which of
  // its lines the fault is.
  let failure: { reason: string; after: number; lines: number } | undefined;
  const parser = parse({
    ...OPTIONS,
    on_skip: (err, raw) => {
      if (failure) return undefined;
      const after = parser.info.records;
      // relax_quotes read on past a misplaced closing quote, so a quote left open later in
      // the record is not the first fault.
      const at = raw === undefined ? -1 : misplacedClosingQuote(raw);
      failure =
        at === -1 || raw === undefined
          ? { reason: reasonFor(err), after, lines: 0 }
          : { reason: TEXT_AFTER_QUOTE, after, lines: newlines(raw, at) };
      return undefined;
    },
  });
  // An error of the source destroys the parser with that error, which the loop below throws.
  // One chunk read ahead at most, as before: the parser holds the rest.
  pipeline(Readable.from(wholeCharacters(chunks), { highWaterMark: 1 }), parser, () => undefined);
  // Records are read as the parser has them and waited for only when it has none: the stream's
  // own async iterator takes an async step for every record (a tenth of the parse time).
  const ended = finished(parser).then(() => true);
  ended.catch(() => undefined); // a stop before the end closes the parser early: not an error
  let line = 1;
  let read = 0;
  try {
    for (;;) {
      const parsed = parser.read() as ParsedRecord | null;
      if (parsed === null) {
        // An error of the source or the parser rejects `ended`, and is thrown here.
        if (await Promise.race([readable(parser), ended])) break;
        continue;
      }
      if (failure && read === failure.after) break;
      // The raw text ends with the record's line ending (only the CR of a CRLF), if it has one.
      let raw = parsed.raw;
      let lines = 0;
      const last = raw.charCodeAt(raw.length - 1);
      if (last === LF || last === CR) {
        raw = raw.slice(0, -1);
        lines = 1;
      }
      // Only a quoted field can hold a line break or a misplaced closing quote.
      if (raw.includes('"')) {
        const at = misplacedClosingQuote(raw);
        if (at !== -1) throw new CsvFormatError(TEXT_AFTER_QUOTE, line + newlines(raw, at));
        lines += newlines(raw);
      }
      yield { line, fields: parsed.record, raw };
      line += lines;
      read += 1;
    }
    if (failure) throw new CsvFormatError(failure.reason, line + failure.lines);
  } finally {
    parser.destroy();
  }
}

/** Reads a whole string (tests, small files). */
export async function* readCsvText(text: string): AsyncGenerator<CsvRecord> {
  yield* readCsv(
    (async function* () {
      yield text;
    })(),
  );
}
