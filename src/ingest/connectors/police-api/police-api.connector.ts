import type { ApiConnector, ApiContext, ConnectorOutput, ObservationInput, RejectedInput } from '../../connector';
import { SourceFormatError } from '../../connector';
import { CRIME_TYPES, CrimeTally, crimeMeasure } from '../crime-tally';
import { TERRITORIAL_FORCES } from '../police-forces';
import { PoliceApiClient, TOO_MANY } from './police-api.client';
import { quarters, polyParam, type Polygon } from './polygon';
import { RateLimiter } from './rate-limiter';

// The data.police.uk JSON API for one month: crime-categories for the month's names,
// crimes-street/all-crime for each configured area polygon (split into quarters while the API
// answers 503, crimes de-duplicated by id), and, when the polygons cover the whole force,
// crimes-no-location added to the force's total. Paced at 15 requests a second.

export interface PoliceApiArea {
  code: string;
  poly: Polygon;
}

export interface PoliceApiOptions {
  force: string;
  areas: PoliceApiArea[];
  /** YYYY-MM; by default the latest month the API has. */
  month?: string;
  /** The polygons cover the whole force: also write the force total (with crimes that have no location). */
  forceTotals?: boolean;
  ratePerSecond?: number;
}

interface ApiCrime {
  id: number;
  category: string;
  month: string;
}

const MAX_SPLIT_DEPTH = 8;

function asCrimes(json: unknown, what: string): ApiCrime[] {
  if (
    !Array.isArray(json) ||
    json.some(
      (c) =>
        typeof c !== 'object' ||
        c === null ||
        typeof (c as ApiCrime).category !== 'string' ||
        typeof (c as ApiCrime).id !== 'number',
    )
  ) {
    throw new SourceFormatError(`${what}: expected an array of crimes with id and category`);
  }
  return json as ApiCrime[];
}

export class PoliceApiConnector implements ApiConnector {
  readonly dataset = 'police-api';
  readonly kind = 'api' as const;

  constructor(private readonly options: PoliceApiOptions) {}

  async fetch(baseUrl: string, ctx: ApiContext): Promise<ConnectorOutput> {
    const force = TERRITORIAL_FORCES.find((f) => f.id === this.options.force);
    // The force is the job's setting, not the source's content: naming it quotes nothing.
    if (!force) throw new SourceFormatError(`"${this.options.force}" is not a territorial force of England and Wales`);
    const rate = this.options.ratePerSecond ?? 15;
    const api = new PoliceApiClient(baseUrl, new RateLimiter(rate, rate), ctx.retry, ctx.signal, ctx.onRetry);
    const month = this.options.month ?? (await this.latestMonth(api));
    const names = await this.categories(api, month);
    const tally = new CrimeTally();
    const rejected: RejectedInput[] = [];
    let rowsRead = 0;
    for (const area of this.options.areas) {
      if (!ctx.areas.has(area.code)) throw new SourceFormatError(`area ${area.code} is not one the hub knows`);
      const crimes = await this.crimesIn(api, area.poly, month, 0);
      rowsRead += crimes.length;
      ctx.progress(rowsRead);
      for (const crime of crimes) {
        const name = names.get(crime.category);
        if (!name || !CRIME_TYPES.includes(name)) {
          rejected.push({
            line: 0,
            // The area is the job's; the crime (its id and category) is in the row's text.
            reason: `a crime in ${area.code}: its category is not one the hub counts`,
            raw: JSON.stringify(crime),
          });
          continue;
        }
        tally.addCrime(crimeMeasure(name), area.code, month);
        if (this.options.forceTotals) tally.addCrime(crimeMeasure(name), force.policeForceArea, month);
      }
    }
    if (this.options.forceTotals) {
      const unlocated = asCrimes(
        await api.call('crimes-no-location', { category: 'all-crime', force: force.id, date: month }),
        'crimes-no-location',
      );
      rowsRead += unlocated.length;
      for (const crime of unlocated) {
        const name = names.get(crime.category);
        tally.addCrime(name && CRIME_TYPES.includes(name) ? crimeMeasure(name) : null, force.policeForceArea, month);
      }
    }
    const areaCodes = [
      ...this.options.areas.map((a) => a.code),
      ...(this.options.forceTotals ? [force.policeForceArea] : []),
    ];
    // Every configured area is reported, zero where the API had no crimes in it.
    const observations: ObservationInput[] = tally.observations(areaCodes.map((area) => ({ area, month })));
    ctx.logger.info('police api read', { month, requests: api.requests, crimes: rowsRead });
    return { rowsRead, observations, rejected, areas: [] };
  }

  private async latestMonth(api: PoliceApiClient): Promise<string> {
    const json = (await api.call('crime-last-updated', {})) as { date?: unknown };
    const m = typeof json?.date === 'string' ? /^(\d{4}-\d{2})-\d{2}$/.exec(json.date) : null;
    if (!m) throw new SourceFormatError('crime-last-updated: expected {"date": "YYYY-MM-DD"}');
    return m[1]!;
  }

  private async categories(api: PoliceApiClient, month: string): Promise<Map<string, string>> {
    const json = await api.call('crime-categories', { date: month });
    if (!Array.isArray(json) || json.some((c) => typeof c?.url !== 'string' || typeof c?.name !== 'string')) {
      throw new SourceFormatError('crime-categories: expected an array of {url, name}');
    }
    return new Map((json as Array<{ url: string; name: string }>).map((c) => [c.url, c.name]));
  }

  /** Crimes in a polygon; on 503 (too many), the union of its quarters', without duplicates. */
  private async crimesIn(api: PoliceApiClient, poly: Polygon, month: string, depth: number): Promise<ApiCrime[]> {
    const json = await api.call(
      'crimes-street/all-crime',
      { poly: polyParam(poly), date: month },
      { tooManyOn503: true },
    );
    if (json !== TOO_MANY) return asCrimes(json, 'crimes-street');
    if (depth >= MAX_SPLIT_DEPTH)
      throw new SourceFormatError(`crimes-street still answers 503 after splitting the area ${MAX_SPLIT_DEPTH} times`);
    const byId = new Map<number, ApiCrime>();
    for (const part of quarters(poly))
      for (const c of await this.crimesIn(api, part, month, depth + 1)) byId.set(c.id, c);
    return [...byId.values()];
  }
}
