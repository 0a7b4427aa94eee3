import { readCsv } from '../csv/csv-reader';
import { parseNumber } from './number-field';
import type {
  Connector,
  ConnectorContext,
  ConnectorOutput,
  ObservationInput,
  RejectedInput,
  SourceText,
} from '../connector';
import { headerMap } from './header-map';

// Home Office fire statistics, incidents attended by fire and rescue authority (the tidy
// FIRE0102 layout as CSV): FINANCIAL_YEAR, INCIDENT_TYPE, FRS_NAME, E_CODE, TOTAL_INCIDENTS,
// and optionally MOTIVE (Deliberate / Accidental). Incident types roll up into the hub's fire
// measures; Hampshire and Isle of Wight's pre-2021 authorities are summed into E31000048.

const TYPE_MEASURE: Record<string, string> = {
  dwellings: 'fire.primary-fires',
  'other buildings': 'fire.primary-fires',
  'road vehicles': 'fire.primary-fires',
  'other outdoors': 'fire.primary-fires',
  'primary fires': 'fire.primary-fires',
  'secondary fires': 'fire.secondary-fires',
  'due to apparatus': 'fire.fire-false-alarms',
  'good intent': 'fire.fire-false-alarms',
  malicious: 'fire.fire-false-alarms',
  'fire false alarms': 'fire.fire-false-alarms',
  'non-fire incidents': 'fire.non-fire-incidents',
};
const NOT_MEASURED = new Set(['chimney fires', 'total', 'all incidents', 'all fires']);
const MERGED_INTO: Record<string, string> = { E31000017: 'E31000048', E31000021: 'E31000048' };

function financialYear(text: string): string | null {
  const m = /^(\d{4})[/-](\d{2}|\d{4})$/.exec(text.trim());
  if (!m) return null;
  const end = m[2]!.slice(-2);
  return (Number(m[1]) + 1) % 100 === Number(end) ? `${m[1]}/${end}` : null;
}

export class FireIncidentsConnector implements Connector {
  readonly dataset = 'fire-incidents';

  async run(source: SourceText, ctx: ConnectorContext): Promise<ConnectorOutput> {
    let get: ((fields: string[], name: string) => string) | null = null;
    let hasMotive = false;
    const totals = new Map<string, number>();
    const rejected: RejectedInput[] = [];
    let rowsRead = 0;
    const add = (measure: string, area: string, period: string, n: number): void => {
      const k = `${measure}|${area}|${period}`;
      totals.set(k, (totals.get(k) ?? 0) + n);
    };
    for await (const rec of readCsv(source.chunks)) {
      if (!get) {
        get = headerMap(
          rec.fields,
          ['FINANCIAL_YEAR', 'INCIDENT_TYPE', 'E_CODE', 'TOTAL_INCIDENTS'],
          'a fire incidents table',
        );
        hasMotive = rec.fields.some((f) => f.trim().toUpperCase() === 'MOTIVE');
        continue;
      }
      if (rec.fields.length === 1 && rec.fields[0] === '') continue;
      rowsRead += 1;
      const g = get;
      const field = (name: string): string => g(rec.fields, name);
      const reject = (reason: string): void => void rejected.push({ line: rec.line, reason, raw: rec.raw });
      const period = financialYear(field('FINANCIAL_YEAR'));
      if (!period) {
        // Reasons name the column, never what it held (the line itself is kept apart).
        reject('the FINANCIAL_YEAR is not a financial year such as 2022/23');
        continue;
      }
      const code = field('E_CODE');
      const area = MERGED_INTO[code] ?? code;
      if (!ctx.areas.has(area)) continue; // an authority outside the hub's geography
      const type = field('INCIDENT_TYPE').toLowerCase();
      const measure = TYPE_MEASURE[type];
      if (!measure) {
        if (!NOT_MEASURED.has(type)) reject('the INCIDENT_TYPE is not one the hub knows');
        continue;
      }
      const n = parseNumber(field('TOTAL_INCIDENTS'));
      if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) {
        reject('the TOTAL_INCIDENTS is not a count');
        continue;
      }
      add(measure, area, period, n);
      if (
        hasMotive &&
        field('MOTIVE').toLowerCase() === 'deliberate' &&
        (measure === 'fire.primary-fires' || measure === 'fire.secondary-fires')
      ) {
        add('fire.deliberate-fires', area, period, n);
      }
    }
    ctx.progress(rowsRead);
    const observations: ObservationInput[] = [...totals].map(([k, value]) => {
      const [measureCode, areaCode, period] = k.split('|') as [string, string, string];
      return { measureCode, areaCode, period, value };
    });
    return { rowsRead, observations, rejected, areas: [] };
  }
}
