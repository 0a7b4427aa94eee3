import { Parser as PapaParser, type ParseError } from 'papaparse';

// CSV read with papaparse, set to accept what published files really contain: a UTF-8 byte
// order mark, CRLF, LF or lone CR line endings (even mixed), quoted fields holding commas,
// semicolons, quotes ("") and newlines, a trailing newline or none, and rows shorter than the
// header. Each record carries the physical line it starts on and its raw text, so a rejected
// row can be reported as it was.
//
// Why papaparse: speed, with the same records as before. csv-parse (89fe77b) made ingest
// slower than the hand-written reader it replaced (ac2cbb3). npm run bench:ingest, 500,000
// street-level rows (121 MB), on two shared cores, runs alternated:
//   parse only:    csv-parse 66-98k rows/s, hand-written 249-250k, papaparse 565-822k
//   whole ingest:  csv-parse 68-76k rows/s, hand-written 167k,     papaparse 214-349k
// and on a Fingertips-like file (CRLF, a quoted LF in every row, 111,000 rows), parse only:
// csv-parse 19-20k rows/s, hand-written 186-203k, papaparse 253-298k.
//
// How: the text read so far is parsed a window at a time (a chunk of the source and what was
// left of the one before) by papaparse's parser, told the newline the window uses and to leave
// off the last row, which the window may cut short and which is read again with the next one.
// Papaparse gives fields, not where rows start or end, so each row's end and raw text are
// worked out from its fields. Papaparse takes one newline for a whole parse and lets some
// things through that this reader refuses (spaces between a closing quote and a comma, text
// after a closing quote); so each row is checked as its end is worked out, and from the first
// that is not a record as this reader reads it (or holds a lone CR or LF outside quotes), the
// rest of the window is read by the hand-written reader (ac2cbb3: the exact rules, slower),
// which also reads the end of the file. Records, lines, raw text and errors are the
// hand-written reader's on 90,000 random inputs cut into random chunks and on the fixtures.

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

/** LFs in `text`: in a record, each is a new physical line (a CRLF counts once, a lone CR not at all). */
function countLf(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n += 1;
  return n;
}

// ---------------------------------------------------------------------------------------------
// The hand-written reader: the rules, followed character by character where papaparse's rows
// cannot be taken as they are, and for the end of the file.

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
          if (final) throw new CsvFormatError(QUOTE_NOT_CLOSED, line);
          return null;
        }
        out += text.slice(j, q);
        if (text.charCodeAt(q + 1) === QUOTE) {
          out += '"';
          j = q + 2;
          continue;
        }
        // A quote last in the text may be the first of a doubled pair.
        if (q + 1 >= text.length && !final) return null;
        i = q + 1;
        break;
      }
      lines += countLf(out);
      value = out;
      const c = text.charCodeAt(i);
      if (i < text.length && c !== COMMA && c !== CR && c !== LF) {
        throw new CsvFormatError(TEXT_AFTER_QUOTE, line + lines);
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
    // End of record: CRLF, LF or a lone CR (a CR last in the text may be the start of a CRLF).
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

/**
 * Reads records by hand from `start` (where a record starts) while the text holds whole ones;
 * returns where the rest starts. At the end of the file (`final`) it reads them all.
 */
function readByHand(text: string, start: number, final: boolean, progress: Progress): number {
  let pos = start;
  while (pos < text.length) {
    const parsed = parseRecord(text, pos, progress.line, final);
    if (!parsed) break;
    progress.out.push(parsed.record);
    progress.line += 1 + countLf(parsed.record.raw);
    pos = parsed.next;
  }
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
      walk.lines += countLf(value);
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
      if (end === -1) return readByHand(window, pos, false, progress);
    }
    progress.out.push({ line: progress.line, fields, raw: window.slice(pos, end) });
    progress.line += plain ? 1 : walk.lines;
    pos = end + newline.length;
  }
  // Papaparse carries on past a misplaced quote, so that row might run to the end of the file:
  // read by hand, the error is found now.
  return faulty === Infinity ? pos : readByHand(window, pos, false, progress);
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
      if (final) pos = readByHand(text, pos, true, progress);
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
