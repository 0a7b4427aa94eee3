import { isPeriod, parsePeriod } from '../../analytics/period';
import { suppressedShapeProblem } from '../../auth/visibility';
import { readCsv } from '../csv/csv-reader';
import type {
  Connector,
  ConnectorContext,
  ConnectorOutput,
  ObservationInput,
  RejectedInput,
  SourceText,
} from '../connector';
import { SourceFormatError } from '../connector';
import { headerMap } from './header-map';
import { feedValue } from './feed-value';
import { parseNumber } from './number-field';

// A generic feed partners publish: CSV with the columns measure, area, period, value and
// optionally numerator, denominator, note; or JSON, an array of objects with the same keys
// (or {"observations": [...]}). Values are read as feed-value.ts says: suppressed values kept
// as suppressed, never as zero; "[x]", ".." and ":" mean not available.

export interface FeedRow {
  line: number;
  raw: string;
  get: (name: string) => string;
}

function toObservation(row: FeedRow, ctx: ConnectorContext): ObservationInput | string {
  const measureCode = row.get('measure');
  const areaCode = row.get('area');
  const period = row.get('period');
  // Reasons name the field, never what it held: a rejected row's reason is shown to anyone who
  // may read the run, and the row may hold figures they may not see (its text is kept apart).
  if (!ctx.measures.has(measureCode)) return 'the measure is not one the hub knows';
  if (!ctx.areas.has(areaCode)) return 'the area is not one the hub knows';
  if (!isPeriod(period)) return 'the period is not 2022-02, 2022-Q1, 2021/22 or 2022';
  const suppressed = ctx.suppressedMeasures?.get(measureCode);
  const shape = suppressed
    ? suppressedShapeProblem(suppressed, parsePeriod(period).frequency, ctx.areas.get(areaCode)?.type ?? null)
    : null;
  if (shape) return shape;
  const raw = row.get('value');
  const note = row.get('note') || null;
  const cell = feedValue(raw);
  if (cell.kind === 'suppressed')
    return {
      measureCode,
      areaCode,
      period,
      value: null,
      suppressed: true,
      note: note ?? `suppressed in the source ("${raw}")`,
    };
  if (cell.kind === 'not-available')
    return { measureCode, areaCode, period, value: null, note: note ?? `not available in the source ("${raw}")` };
  if (cell.kind === 'empty') return 'value is empty (use * for a suppressed value)';
  if (cell.kind === 'invalid') return 'the value is not a number';
  const value = cell.value;
  const numerator = parseNumber(row.get('numerator'));
  const denominator = parseNumber(row.get('denominator'));
  if (numerator === 'invalid') return 'the numerator is not a number';
  if (denominator === 'invalid') return 'the denominator is not a number';
  return { measureCode, areaCode, period, value, numerator, denominator, note };
}

/** The rows of a feed's CSV, by column name. `what` names the file in a header error. */
export async function* feedCsvRows(text: AsyncIterable<string>, what = 'a partner feed'): AsyncGenerator<FeedRow> {
  let get: ((fields: string[], name: string) => string) | null = null;
  for await (const rec of readCsv(text)) {
    if (!get) {
      get = headerMap(rec.fields, ['measure', 'area', 'period', 'value'], what);
      continue;
    }
    if (rec.fields.length === 1 && rec.fields[0] === '') continue;
    const g = get;
    yield { line: rec.line, raw: rec.raw, get: (name) => g(rec.fields, name) };
  }
}

function jsonRows(text: string): FeedRow[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    // Not the parser's message: it quotes the text around the fault, which may be a restricted
    // figure, and a run's error is public. Where the fault is, by line, is enough to find it.
    const at = /position (\d+)/.exec((err as Error).message);
    const line = at ? text.slice(0, Number(at[1])).split('\n').length : null;
    throw new SourceFormatError(`the partner feed is not valid JSON${line ? ` (near line ${line})` : ''}`);
  }
  const list = Array.isArray(parsed) ? parsed : (parsed as { observations?: unknown }).observations;
  if (!Array.isArray(list))
    throw new SourceFormatError('a JSON partner feed is an array of observations, or {"observations": [...]}');
  return list.map((item, i) => {
    const o = (typeof item === 'object' && item !== null ? item : {}) as Record<string, unknown>;
    return {
      line: i + 1,
      raw: JSON.stringify(item),
      get: (name) => (o[name] === undefined || o[name] === null ? '' : String(o[name]).trim()),
    };
  });
}

async function rowsOf(source: SourceText): Promise<AsyncIterable<FeedRow> | FeedRow[]> {
  const iterator = source.chunks[Symbol.asyncIterator]();
  const first = await iterator.next();
  const head = first.done ? '' : first.value;
  const rest: AsyncIterable<string> = { [Symbol.asyncIterator]: () => iterator };
  if (/^\ufeff?\s*[[{]/.test(head)) {
    let text = head;
    for await (const chunk of rest) text += chunk;
    return jsonRows(text.replace(/^\ufeff/, ''));
  }
  return feedCsvRows(
    (async function* () {
      yield head;
      yield* rest;
    })(),
  );
}

export class PartnerFeedConnector implements Connector {
  readonly dataset = 'partner-feed';

  async run(source: SourceText, ctx: ConnectorContext): Promise<ConnectorOutput> {
    const rejected: RejectedInput[] = [];
    const observations: ObservationInput[] = [];
    const seen = new Map<string, number>();
    let rowsRead = 0;
    for await (const row of await rowsOf(source)) {
      rowsRead += 1;
      const result = toObservation(row, ctx);
      if (typeof result === 'string') {
        rejected.push({ line: row.line, reason: result, raw: row.raw });
        continue;
      }
      const key = `${result.measureCode}|${result.areaCode}|${result.period}`;
      if (seen.has(key)) {
        rejected.push({
          line: row.line,
          reason: `duplicate of line ${seen.get(key)} (same measure, area and period)`,
          raw: row.raw,
        });
        continue;
      }
      seen.set(key, row.line);
      // The line goes with the figure: the row rules, applied to every connector's figures by
      // the runner, reject it by its line. Set on the figure toObservation has just made, not
      // on a copy: a copy of every figure cost a tenth of reading a 100,000-row feed.
      result.line = row.line;
      result.raw = row.raw;
      observations.push(result);
    }
    ctx.progress(rowsRead);
    // An empty feed is a failed delivery, not a delivery of nothing (as an empty police file is).
    if (rowsRead === 0) throw new SourceFormatError('the partner feed holds no rows');
    return { rowsRead, observations, rejected, areas: [] };
  }
}
