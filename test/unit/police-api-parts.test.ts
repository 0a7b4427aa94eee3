import { clipToBox, contains, polyParam, quarters, type Polygon } from '../../src/ingest/connectors/police-api/polygon';
import { RateLimiter, type Clock } from '../../src/ingest/connectors/police-api/rate-limiter';

function fakeClock(): Clock & { t: number } {
  const c = { t: 0, now: () => c.t, sleep: async (ms: number) => void (c.t += ms) };
  return c;
}

test('15 requests go at once, then one every 1/15 s', async () => {
  const clock = fakeClock();
  const limiter = new RateLimiter(15, 15, clock);
  const times: number[] = [];
  for (let i = 0; i < 45; i += 1) {
    await limiter.take();
    times.push(clock.t);
  }
  expect(times.slice(0, 15).every((t) => t === 0)).toBe(true);
  expect(times[15]).toBe(67);
  // In any window of one second, at most 15 + 15 = 30 requests (the API's burst limit).
  for (const start of times) expect(times.filter((t) => t >= start && t < start + 1000).length).toBeLessThanOrEqual(30);
  expect(times[44]).toBeGreaterThanOrEqual(1990);
});

test('a polygon parameter has six decimals, lat before lng', () => {
  expect(
    polyParam([
      [50.8, -1.2],
      [50.81234567, -1.1],
    ]),
  ).toBe('50.800000,-1.200000:50.812346,-1.100000');
});

test('the four quarters of a square are its four quarter squares, covering the same points', () => {
  const square: Polygon = [
    [0, 0],
    [0, 4],
    [4, 4],
    [4, 0],
  ];
  const parts = quarters(square);
  expect(parts).toHaveLength(4);
  for (const p of [
    [1, 1],
    [1, 3],
    [3, 1],
    [3, 3],
  ] as Array<[number, number]>) {
    expect(parts.filter((q) => contains(q, p))).toHaveLength(1);
  }
});

test('clipping a triangle to a box keeps the part inside', () => {
  const triangle: Polygon = [
    [0, 0],
    [0, 4],
    [4, 0],
  ];
  const clipped = clipToBox(triangle, { minLat: 2, maxLat: 4, minLng: 0, maxLng: 4 });
  expect(contains(clipped, [2.5, 0.5])).toBe(true);
  expect(contains(clipped, [1, 1])).toBe(false);
  expect(clipToBox(triangle, { minLat: 5, maxLat: 6, minLng: 5, maxLng: 6 })).toEqual([]);
});
