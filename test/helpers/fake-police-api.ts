import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { contains, type Polygon } from '../../src/ingest/connectors/police-api/polygon';
import { Random } from '../../jobs/samples/random';

// A stand-in for data.police.uk/api on 127.0.0.1: real response shapes, its 503 when an area
// holds too many crimes, its 429 when asked too fast, and GET or POST for crimes-street.

export const CATEGORIES = [
  ['all-crime', 'All crime'],
  ['anti-social-behaviour', 'Anti-social behaviour'],
  ['bicycle-theft', 'Bicycle theft'],
  ['burglary', 'Burglary'],
  ['criminal-damage-arson', 'Criminal damage and arson'],
  ['drugs', 'Drugs'],
  ['other-theft', 'Other theft'],
  ['possession-of-weapons', 'Possession of weapons'],
  ['public-order', 'Public order'],
  ['robbery', 'Robbery'],
  ['shoplifting', 'Shoplifting'],
  ['theft-from-the-person', 'Theft from the person'],
  ['vehicle-crime', 'Vehicle crime'],
  ['violent-crime', 'Violence and sexual offences'],
  ['other-crime', 'Other crime'],
] as const;

export interface FakeCrime {
  id: number;
  category: string;
  month: string;
  lat: number;
  lng: number;
}

export interface FakeApi {
  url: string;
  crimes: FakeCrime[];
  unlocated: FakeCrime[];
  requests: Array<{ method: string; path: string; at: number; status: number; urlLength: number }>;
  close(): Promise<void>;
}

export const GOSPORT_SQUARE: Polygon = [
  [50.78, -1.2],
  [50.78, -1.12],
  [50.82, -1.12],
  [50.82, -1.2],
];

function parsePoly(text: string): Polygon {
  return text.split(':').map((p) => p.split(',').map(Number) as [number, number]);
}

export async function startFakePoliceApi(opts: {
  crimes: number;
  maxPerRequest: number;
  throttleFirst: number;
  month: string;
}): Promise<FakeApi> {
  const rng = new Random(1234);
  const slugs = CATEGORIES.slice(1).map(([url]) => url);
  const make = (id: number, located: boolean): FakeCrime => ({
    id,
    category: rng.pick(slugs),
    month: opts.month,
    lat: located ? 50.78 + rng.next() * 0.04 : 0,
    lng: located ? -1.2 + rng.next() * 0.08 : 0,
  });
  const crimes = Array.from({ length: opts.crimes }, (_, i) => make(100_000 + i, true));
  const unlocated = Array.from({ length: 25 }, (_, i) => make(900_000 + i, false));
  const requests: FakeApi['requests'] = [];
  let throttled = 0;

  const json = (res: ServerResponse, status: number, body: unknown): number => {
    res.writeHead(status, { 'content-type': 'application/json', ...(status === 429 ? { 'retry-after': '0' } : {}) });
    res.end(status === 200 ? JSON.stringify(body) : '');
    return status;
  };
  const shape = (c: FakeCrime, located: boolean) => ({
    category: c.category,
    location_type: located ? 'Force' : null,
    persistent_id: '',
    id: c.id,
    month: c.month,
    context: '',
    location: located
      ? { latitude: c.lat.toFixed(6), longitude: c.lng.toFixed(6), street: { id: 1, name: 'On or near Test Road' } }
      : null,
    location_subtype: '',
    outcome_status: null,
  });

  const handle = (req: IncomingMessage, body: string, res: ServerResponse): number => {
    const url = new URL(req.url ?? '/', 'http://x');
    const params = req.method === 'POST' ? new URLSearchParams(body) : url.searchParams;
    if (url.pathname === '/crime-last-updated') return json(res, 200, { date: `${opts.month}-01` });
    if (url.pathname === '/crime-categories')
      return json(
        res,
        200,
        CATEGORIES.map(([u, name]) => ({ url: u, name })),
      );
    if (url.pathname === '/crimes-no-location')
      return json(
        res,
        200,
        unlocated.map((c) => shape(c, false)),
      );
    if (url.pathname === '/crimes-street/all-crime') {
      if (throttled < opts.throttleFirst) {
        throttled += 1;
        return json(res, 429, null);
      }
      if (req.method === 'GET' && (req.url ?? '').length > 4094) return json(res, 400, null);
      const poly = parsePoly(params.get('poly') ?? '');
      const inside = crimes.filter((c) => contains(poly, [c.lat, c.lng]));
      if (inside.length > opts.maxPerRequest) return json(res, 503, null);
      return json(
        res,
        200,
        inside.map((c) => shape(c, true)),
      );
    }
    return json(res, 404, null);
  };

  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      const status = handle(req, body, res);
      requests.push({
        method: req.method ?? 'GET',
        path: new URL(req.url ?? '/', 'http://x').pathname,
        at: Date.now(),
        status,
        urlLength: (req.url ?? '').length,
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    crimes,
    unlocated,
    requests,
    close: () => new Promise((r) => server.close(() => r())),
  };
}
