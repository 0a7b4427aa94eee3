import { type CsvError, type Options } from 'csv-parse';
import { parse as parseCsv } from 'csv-parse/sync';
import { Parser as PapaParser, type ParseError } from 'papaparse';

// CSV read with papaparse, set to accept what published files really contain: a UTF-8 byte
// order mark, CRLF, LF or lone CR line endings (even mixed), quoted fields holding commas,
// semicolons, quotes ("") and newlines, a trailing newline or none, and rows shorter than the
// header. Each record carries the physical line it starts on and its raw text, so a rejected
// row can be reported as it was.
//
// Why papaparse, with csv-parse behind it: libraries the Node ecosystem keeps, in place of the
// hand-written RFC 4180 reader this project had (ac2cbb3), and fast. csv-parse alone (89fe77b)
// reads everything right but made ingest 3-4x slower than the hand-written reader; papaparse
// is faster than either on ordinary files, but reads some things differently (below). So
// papaparse reads what it reads the same way, and csv-parse the rest. npm run bench:ingest,
// 500,000 street-level rows (121 MB), on two shared cores (runs alternated, earlier):
//   parse only:    csv-parse 66-98k rows/s, hand-written 249-250k, papaparse 565-822k
//   whole ingest:  csv-parse 68-76k rows/s, hand-written 167k,     papaparse 214-349k
// and on a Fingertips-like file (CRLF, a quoted LF in every row, 111,000 rows), parse only:
// csv-parse 19-20k rows/s, hand-written 186-203k, papaparse 253-298k. With csv-parse as the
// fallback (two runs, load average 4.6-4.8 on the two cores): parse only 583-587k rows/s at
// 250,000 rows and 436-588k at 500,000, whole ingest 108-160k and 221-233k, peak RSS 186-209 MB
// and 142-143 MB. A file whose every window falls back (LF and CRLF alternating) is read at
// csv-parse's speed: 66k rows/s against the hand-written reader's 315k on 200,000 such rows.
//
// How: the text read so far is parsed a window at a time (a chunk of the source and what was
// left of the one before) by papaparse's parser, told the newline the window uses and to leave
// off the last row, which the window may cut short and which is read again with the next one.
// Papaparse gives fields, not where rows start or end, so each row's end and raw text are
// worked out from its fields. Papaparse takes one newline for a whole parse and lets some
// things through that this reader refuses (spaces between a closing quote and a comma, text
// after a closing quote); so each row is checked as its end is worked out, and from the first
// that is not a record as this reader reads it (or holds a lone CR or LF outside quotes), the
// rest of the window is read by csv-parse (any line ending anywhere; what its relax_quotes lets
// through is checked as the csv-parse reader, 89fe77b, checked it), which also reads the end of
// the file. Records, lines, raw text and errors are the hand-written reader's on 36,000 random
// inputs cut into random chunks and on the fixtures (and were on 90,000 with the hand-written
// reader as the fallback).

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

const QUOTE_NOT_CLOSED = 'a quoted field is not closed before the end of the file';
const TEXT_AFTER_QUOTE = 'text after a closing quote (a quote inside a quoted field must be doubled)';

const QUOTE = 34;
const COMMA = 44;
const CR = 13;
const LF = 10;

/** The reader's position: records read and not yet handed on, and the line the next one starts on. */
interface Progress {
  line: number;
  out: CsvRecord[];
}

// ---------------------------------------------------------------------------------------------
// csv-parse, for what papaparse reads differently and for the end of the file: slower, but it
// reads every line ending anywhere, and what it lets through is checked as the csv-parse reader
// (89fe77b) checked it.

/** What csv-parse gives for each record with `raw: true`. */
interface ParsedRecord {
  record: string[];
  raw: string;
}

const OPTIONS: Options = {
  // The byte order mark is taken off the start of the file by readCsv: csv-parse reads from
  // the middle of it here, where one would be text.
  bom: false,
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
  // The record's text, for rejected-row reports, for counting its lines and for where the next
  // record starts. It ends with the record's line ending (only the CR of a CRLF), if it has one.
  raw: true,
  // A malformed record is reported through on_skip and the parse goes on, so the records before
  // it are all read, and the error's line is the line of that record.
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
 * Reads records with csv-parse from `start` (where a record starts); returns where the rest
 * starts. Before the end of the file the last record, which the text may cut short, is left
 * for the next window, and so is a malformed one that is last (the text may cut it short too);
 * at the end of the file (`final`) it reads them all.
 */
function readWithCsvParse(text: string, start: number, final: boolean, progress: Progress): number {
  // The first malformed record: its reason, how many records come before it and on which of
  // its lines the fault is.
  let failure: { reason: string; after: number; lines: number } | undefined;
  let read = 0;
  const parsed = parseCsv(start === 0 ? text : text.slice(start), {
    ...OPTIONS,
    on_record: (record: string[]) => {
      read += 1;
      return record;
    },
    on_skip: (err, raw) => {
      if (failure) return undefined;
      // relax_quotes read on past a misplaced closing quote, so a quote left open later in
      // the record is not the first fault.
      const at = raw === undefined ? -1 : misplacedClosingQuote(raw);
      failure =
        at === -1 || raw === undefined
          ? { reason: reasonFor(err), after: read, lines: 0 }
          : { reason: TEXT_AFTER_QUOTE, after: read, lines: newlines(raw, at) };
      return undefined;
    },
  }) as unknown as ParsedRecord[];
  let pos = start;
  for (let i = 0; i < parsed.length; i += 1) {
    if (failure && i === failure.after) throw new CsvFormatError(failure.reason, progress.line + failure.lines);
    if (!final && i === parsed.length - 1) return pos;
    const { record } = parsed[i] as ParsedRecord;
    let raw = (parsed[i] as ParsedRecord).raw;
    let lines = 0;
    pos += raw.length;
    const last = raw.charCodeAt(raw.length - 1);
    if (last === LF || last === CR) {
      raw = raw.slice(0, -1);
      lines = 1;
      if (last === CR && text.charCodeAt(pos) === LF) pos += 1;
    }
    // Only a quoted field can hold a line break or a misplaced closing quote.
    if (raw.includes('"')) {
      const at = misplacedClosingQuote(raw);
      if (at !== -1) throw new CsvFormatError(TEXT_AFTER_QUOTE, progress.line + newlines(raw, at));
      lines += newlines(raw);
    }
    progress.out.push({ line: progress.line, fields: record, raw });
    progress.line += lines;
  }
  if (final && failure) throw new CsvFormatError(failure.reason, progress.line + failure.lines);
  return pos;
}

// ---------------------------------------------------------------------------------------------
// Papaparse, for as much of each window as it reads the same way.

type Newline = '\n' | '\r' | '\r\n';

/** What Papa.Parser's parse gives (typed `any` in @types/papaparse), without header or typing. */
interface PapaResult {
  data: string[][];
  errors: ParseError[];
}

/**
 * Where `text` has a CR or LF that is not (part of) `newline`, in order: papaparse splits on
 * `newline` alone, and one of these outside a quoted field would be a line break to this
 * reader.
 */
function strayBreaks(text: string, newline: Newline): number[] {
  const stray: number[] = [];
  let cr = text.indexOf('\r');
  let lf = text.indexOf('\n');
  while (cr !== -1 || lf !== -1) {
    if (cr !== -1 && (lf === -1 || cr < lf)) {
      if (newline === '\r\n' && lf === cr + 1) lf = text.indexOf('\n', lf + 1);
      else if (newline !== '\r') stray.push(cr);
      cr = text.indexOf('\r', cr + 1);
    } else {
      if (newline !== '\n') stray.push(lf);
      lf = text.indexOf('\n', lf + 1);
    }
  }
  return stray;
}

/** Where a row's walk through the window has got to. */
interface Walk {
  /** Physical lines the row spans. */
  lines: number;
  /** Index of the first stray line break not yet passed. */
  stray: number;
}

/**
 * Where the text of a row papaparse read from `start` ends (its newline's first character),
 * worked out from its fields; -1 if the row is not a record as this reader reads it. A quoted
 * field's text is its value with each quote doubled, between quotes, and must be followed at
 * once by a comma or the newline (papaparse lets spaces through there, and carries on past
 * other text, saying so); an unquoted field's text is its value, and must not hold a stray
 * line break.
 */
function rowEnd(text: string, start: number, fields: string[], newline: Newline, stray: number[], walk: Walk): number {
  let pos = start;
  walk.lines = 1;
  for (let k = 0; k < fields.length; k += 1) {
    const value = fields[k] as string;
    if (k > 0) {
      if (text.charCodeAt(pos) !== COMMA) return -1;
      pos += 1;
    }
    if (text.charCodeAt(pos) === QUOTE) {
      let quotes = 0;
      for (let q = value.indexOf('"'); q !== -1; q = value.indexOf('"', q + 1)) quotes += 1;
      pos += 1 + value.length + quotes;
      if (text.charCodeAt(pos) !== QUOTE) return -1;
      pos += 1;
      // Line breaks inside quotes are the field's: LFs are new lines, stray or not.
      while ((stray[walk.stray] ?? Infinity) < pos) walk.stray += 1;
      walk.lines += newlines(value);
    } else {
      pos += value.length;
      if ((stray[walk.stray] ?? Infinity) < pos) return -1;
    }
  }
  if (text.charCodeAt(pos) !== newline.charCodeAt(0)) return -1;
  if (newline === '\r\n' && text.charCodeAt(pos + 1) !== LF) return -1;
  return pos;
}

/**
 * Reads the whole records at the start of `text` (which starts where a record does); returns
 * where the rest starts. The rest is at least the last row, which the text may cut short.
 */
function readWindow(text: string, progress: Progress): number {
  // A CR last in the text may be the first half of a CRLF: it waits for the next window.
  const window = text.charCodeAt(text.length - 1) === CR ? text.slice(0, -1) : text;
  const firstLf = window.indexOf('\n');
  const firstCr = window.indexOf('\r');
  if (firstLf === -1 && firstCr === -1) return 0;
  // The window's newline: CRLF if its first CR is one (its first LF may be in a quoted field,
  // as in Fingertips files), else the only one it has, else LF.
  let newline: Newline = '\n';
  if (firstCr !== -1) newline = firstLf === -1 ? '\r' : window.charCodeAt(firstCr + 1) === LF ? '\r\n' : '\n';
  const stray = firstCr === -1 || firstLf === -1 ? [] : strayBreaks(window, newline);
  // With no quote and no stray line break, papaparse splits on newlines and commas and
  // nothing else, so a row's text is its fields joined by commas.
  const plain = stray.length === 0 && window.indexOf('"') === -1;

  // Papaparse's own parser (Papa.Parser, which Papa.parse runs, and which papaparse's tests
  // test as its core parser) rather than Papa.parse: it can leave off the last row, which the
  // window may cut short, and it does not copy every row into a result to hand back (about a
  // fifth of the parse time, and 15 MB more at the peak).
  const parser = new PapaParser({ delimiter: ',', newline, quoteChar: '"', escapeChar: '"' });
  const parsed = parser.parse(window, 0, true) as PapaResult;
  const rows = parsed.data;
  // The first row with a closing quote followed by text; it may be the row left off.
  const faulty = parsed.errors.find((e) => e.code === 'InvalidQuotes')?.row ?? Infinity;
  const whole = Math.min(rows.length, faulty);
  const walk: Walk = { lines: 1, stray: 0 };
  let pos = 0;
  for (let i = 0; i < whole; i += 1) {
    const fields = rows[i] as string[];
    let end: number;
    if (plain) {
      end = pos - 1;
      for (const field of fields) end += field.length + 1;
    } else {
      end = rowEnd(window, pos, fields, newline, stray, walk);
      if (end === -1) return readWithCsvParse(window, pos, false, progress);
    }
    progress.out.push({ line: progress.line, fields, raw: window.slice(pos, end) });
    progress.line += plain ? 1 : walk.lines;
    pos = end + newline.length;
  }
  // Papaparse carries on past a misplaced quote, so that row might run to the end of the file:
  // read by csv-parse, which ends that row where this reader does, the error is found now
  // (unless the row is the window's last: then with the next window, or at the end).
  return faulty === Infinity ? pos : readWithCsvParse(window, pos, false, progress);
}

/** Reads records from text chunks (a file or HTTP body decoded as UTF-8), one at a time. */
export async function* readCsv(chunks: AsyncIterable<string>): AsyncGenerator<CsvRecord> {
  let text = '';
  let started = false;
  // A window is parsed when the text is at least twice what was left over last time, so a
  // record longer than many chunks is not parsed again for each one.
  let waitFor = 0;
  const progress: Progress = { line: 1, out: [] };
  const read = (final: boolean): CsvFormatError | undefined => {
    if (!final && text.length < waitFor) return undefined;
    try {
      let pos = readWindow(text, progress);
      if (final) pos = readWithCsvParse(text, pos, true, progress);
      text = text.slice(pos);
      waitFor = 2 * text.length;
      return undefined;
    } catch (err) {
      if (err instanceof CsvFormatError) return err;
      throw err;
    }
  };
  for await (const chunk of chunks) {
    if (!started && chunk) {
      started = true;
      text = chunk.charCodeAt(0) === 0xfeff ? chunk.slice(1) : chunk;
    } else {
      text += chunk;
    }
    const failure = read(false);
    // The records before a malformed one are handed on first.
    const out = progress.out;
    progress.out = [];
    for (const record of out) yield record;
    if (failure) throw failure;
  }
  const failure = read(true);
  for (const record of progress.out) yield record;
  if (failure) throw failure;
}

/** Reads a whole string (tests, small files). */
export async function* readCsvText(text: string): AsyncGenerator<CsvRecord> {
  yield* readCsv(
    (async function* () {
      yield text;
    })(),
  );
}
