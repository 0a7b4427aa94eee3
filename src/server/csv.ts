// CSV that Excel opens as it is: UTF-8 with a byte order mark, CRLF line endings, one header
// row, fields quoted when they hold a comma, quote or line break, dates as ISO strings.

export const BOM = '\ufeff';

export function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = value instanceof Date ? value.toISOString() : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRow(values: unknown[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}
