import { byar, compareIntervals, rateInterval, wilson } from '../../src/analytics/intervals';

// Reference values computed separately from the published formulas (z = 1.959964).

test("Byar's interval for a count", () => {
  expect(byar(100).lower).toBeCloseTo(81.362105, 5);
  expect(byar(100).upper).toBeCloseTo(121.627938, 5);
  expect(byar(5).lower).toBeCloseTo(1.611348, 5);
  expect(byar(5).upper).toBeCloseTo(11.668164, 5);
  expect(byar(0)).toEqual({ lower: 0, upper: expect.closeTo(3.668012, 5) });
});

test("a rate per 1,000 scales the count's interval by the population", () => {
  const r = rateInterval(100, 50_000, 1000);
  expect(r.rate).toBe(2);
  expect(r.lower).toBeCloseTo(1.627242, 5);
  expect(r.upper).toBeCloseTo(2.432559, 5);
});

test("Wilson's interval for a proportion, in percent", () => {
  const w = wilson(66, 100);
  expect(w.lower).toBeCloseTo(56.277729, 5);
  expect(w.upper).toBeCloseTo(74.538479, 5);
  expect(wilson(200, 300).lower).toBeCloseTo(61.151246, 5);
  expect(wilson(0, 50).lower).toBeCloseTo(0, 9);
  expect(wilson(0, 50).upper).toBeCloseTo(7.13476, 5);
});

test('higher or lower only when the intervals do not overlap', () => {
  expect(compareIntervals({ lower: 5, upper: 6 }, { lower: 3, upper: 4.9 })).toBe('HIGHER');
  expect(compareIntervals({ lower: 1, upper: 2 }, { lower: 2.1, upper: 3 })).toBe('LOWER');
  expect(compareIntervals({ lower: 1, upper: 2.5 }, { lower: 2, upper: 3 })).toBe('SIMILAR');
  expect(compareIntervals(null, { lower: 2, upper: 3 })).toBe('NOT_COMPARED');
});
