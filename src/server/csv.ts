import { stringify, type Options } from 'csv-stringify/sync';

// CSV that Excel opens as it is: UTF-8 with a byte order mark, CRLF line endings, one header
// row, fields quoted when they hold a comma, quote or line break, dates as ISO strings.
// Written by csv-stringify, one row per call, so an export still streams row by row.
//
// Formula escaping (OWASP, CSV injection): a text cell starting with =, +, -, @, tab or
// carriage return (or their full-width forms) gets a leading ', so a spreadsheet shows it as
// text instead of running it. Partners write notes, so a note is untrusted text. csv-stringify
// leaves a cell starting with - alone when the value given is a number: figures must be passed
// as numbers (never formatted into strings first) for -4.5 to stay -4.5 and not become '-4.5.

/** What a cell may be given as: numbers stay numbers, dates become ISO strings, null an empty cell. */
export type CsvCell = string | number | boolean | Date | null | undefined;

const OPTIONS: Options = {
  record_delimiter: '\r\n',
  // A record delimiter of our own turns off quoting of a lone \n or \r: kept on, as a note
  // with a line break must stay one cell.
  quote_record_delimiter: true,
  escape_formulas: true,
  cast: {
    date: (value) => value.toISOString(),
    // Written as words, as the exports always had them (csv-stringify's default is 1 or empty).
    boolean: (value) => String(value),
  },
};

const HEADER_OPTIONS: Options = { ...OPTIONS, bom: true };

/** The first line of a file: the byte order mark, then the column names. */
export function csvHeader(names: string[]): string {
  return stringify([names], HEADER_OPTIONS);
}

/** One row, with its CRLF. */
export function csvRow(values: CsvCell[]): string {
  return stringify([values], OPTIONS);
}
