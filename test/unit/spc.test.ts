import { spcChart, SpcInputError, type Signal } from '../../src/analytics/spc';

// Each rule at its boundary, with expected values worked by hand from spc.md's formulas.

const find = (signals: Signal[], rule: Signal['rule'], direction: Signal['direction'] = null): number[] | undefined =>
  signals.find((s) => s.rule === rule && s.direction === direction)?.indices;
const rules = (signals: Signal[]): string[] => signals.map((s) => `${s.rule}:${s.direction ?? '-'}`);
const rep = (v: number, n: number): number[] => Array.from({ length: n }, () => v);
/** A stable baseline: 10, 12 alternating; 12 points give mean 11 and mean moving range 2. */
const BASE = [10, 12, 10, 12, 10, 12, 10, 12, 10, 12, 10, 12];

test('the worked example of spc.md section 2', () => {
  const chart = spcChart([1, 2, 3, 4, 5, 6, 5, 4, 3, 2, 1]);
  const s = chart.segments[0]!;
  // Mean 36/11; moving ranges all 1; UCL = mean + 2.66, two-sigma = mean + 2 x 2.66 / 3.
  expect(s.mean).toBeCloseTo(3.272727, 6);
  expect(s.mrBar).toBe(1);
  expect(s.ucl).toBeCloseTo(5.932727, 6);
  expect(s.lcl).toBeCloseTo(0.612727, 6);
  expect(s.upperTwoSigma).toBeCloseTo(5.046061, 6);
  expect(s.lowerTwoSigma).toBeCloseTo(1.499394, 6);
  expect(s.trial).toBe(true);
  expect(find(chart.signals, 'OUTSIDE_LIMITS', 'HIGH')).toEqual([5]);
  expect(find(chart.signals, 'TREND', 'HIGH')).toEqual([0, 1, 2, 3, 4, 5]);
  expect(find(chart.signals, 'TREND', 'LOW')).toEqual([5, 6, 7, 8, 9, 10]);
  expect(rules(chart.signals)).toEqual(['OUTSIDE_LIMITS:HIGH', 'TREND:HIGH', 'TREND:LOW']);
});

test('trend: six rising points are a trend, five are not; a tie breaks it', () => {
  expect(find(spcChart([10, 1, 2, 3, 4, 5, 6, 3, 3]).signals, 'TREND', 'HIGH')).toEqual([1, 2, 3, 4, 5, 6]);
  expect(find(spcChart([10, 1, 2, 3, 4, 5, 3, 3, 3]).signals, 'TREND', 'HIGH')).toBeUndefined();
  expect(find(spcChart([1, 2, 3, 3, 4, 5, 6]).signals, 'TREND', 'HIGH')).toBeUndefined();
  // Making Data Count needs seven.
  expect(
    find(spcChart([10, 1, 2, 3, 4, 5, 6, 3, 3], { ruleSet: 'MAKING_DATA_COUNT' }).signals, 'TREND', 'HIGH'),
  ).toBeUndefined();
});

test('run: eight on one side are a run, seven are not; a point on the centre line breaks it', () => {
  // 12 x8 then 8 x8: mean exactly 10.
  expect(find(spcChart([...rep(12, 8), ...rep(8, 8)]).signals, 'RUN', 'HIGH')).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  expect(find(spcChart([...rep(12, 7), ...rep(8, 7)]).signals, 'RUN', 'HIGH')).toBeUndefined();
  expect(find(spcChart([...rep(12, 7), ...rep(8, 7)], { ruleSet: 'MAKING_DATA_COUNT' }).signals, 'RUN', 'LOW')).toEqual(
    [7, 8, 9, 10, 11, 12, 13],
  );
  // 12 x4, 10, 12 x4, 8 x8: sum 170 over 17 points, mean exactly 10, so index 4 is on the line.
  const broken = spcChart([...rep(12, 4), 10, ...rep(12, 4), ...rep(8, 8)]);
  expect(broken.segments[0]!.mean).toBe(10);
  expect(find(broken.signals, 'RUN', 'HIGH')).toBeUndefined();
  expect(find(broken.signals, 'RUN', 'LOW')).toEqual([9, 10, 11, 12, 13, 14, 15, 16]);
});

test('alternation: fourteen alternating points are a signal, thirteen are not', () => {
  const fourteen = Array.from({ length: 14 }, (_, i) => (i % 2 ? 9 : 11)); // mean 10
  expect(find(spcChart(fourteen).signals, 'ALTERNATING')).toEqual(Array.from({ length: 14 }, (_, i) => i));
  const thirteen = fourteen.slice(0, 13); // mean 131/13: 11 above, 9 below, still alternating
  expect(find(spcChart(thirteen).signals, 'ALTERNATING')).toBeUndefined();
  expect(find(spcChart(fourteen, { ruleSet: 'MAKING_DATA_COUNT' }).signals, 'ALTERNATING')).toBeUndefined();
});

test('close to a limit: three in succession beyond two sigma, not two; beyond the limit counts', () => {
  // Baseline fixed on BASE: mean 11, MR 2, UCL 16.32, upper two-sigma 11 + 2 x 5.32 / 3 = 14.5467.
  const three = spcChart([...BASE, 15, 15, 15], { baselinePoints: 12 });
  expect(three.segments[0]!.upperTwoSigma).toBeCloseTo(14.546667, 6);
  expect(find(three.signals, 'CLOSE_TO_LIMIT', 'HIGH')).toEqual([12, 13, 14]);
  expect(
    find(spcChart([...BASE, 15, 15, 14], { baselinePoints: 12 }).signals, 'CLOSE_TO_LIMIT', 'HIGH'),
  ).toBeUndefined();
  const withOutside = spcChart([...BASE, 15, 17, 15], { baselinePoints: 12 });
  expect(find(withOutside.signals, 'CLOSE_TO_LIMIT', 'HIGH')).toEqual([12, 13, 14]);
  expect(find(withOutside.signals, 'OUTSIDE_LIMITS', 'HIGH')).toEqual([13]);
  // Making Data Count: two of three beyond two sigma, all three on the same side of the mean.
  const twoOfThree = spcChart([...BASE, 15, 12, 15], { baselinePoints: 12, ruleSet: 'MAKING_DATA_COUNT' });
  expect(find(twoOfThree.signals, 'CLOSE_TO_LIMIT', 'HIGH')).toEqual([12, 14]);
  expect(
    find(spcChart([...BASE, 15, 12, 15], { baselinePoints: 12 }).signals, 'CLOSE_TO_LIMIT', 'HIGH'),
  ).toBeUndefined();
});

test('a point exactly on a limit is not outside it; just beyond it is', () => {
  // UCL = 11 + 2.66 x 2 = 16.32.
  expect(find(spcChart([...BASE, 16.32], { baselinePoints: 12 }).signals, 'OUTSIDE_LIMITS', 'HIGH')).toBeUndefined();
  expect(find(spcChart([...BASE, 16.33], { baselinePoints: 12 }).signals, 'OUTSIDE_LIMITS', 'HIGH')).toEqual([12]);
  expect(find(spcChart([...BASE, 5.68], { baselinePoints: 12 }).signals, 'OUTSIDE_LIMITS', 'LOW')).toBeUndefined();
  expect(find(spcChart([...BASE, 5.67], { baselinePoints: 12 }).signals, 'OUTSIDE_LIMITS', 'LOW')).toEqual([12]);
});

test('a constant series: limits collapse onto the mean and nothing signals', () => {
  const chart = spcChart(rep(5, 15));
  expect(chart.segments[0]).toMatchObject({ mean: 5, mrBar: 0, ucl: 5, lcl: 5, trial: false });
  expect(chart.signals).toEqual([]);
  expect(chart.variation).toBe('COMMON_CAUSE');
});

test('trial limits below 12 baseline points; too few points for limits at all', () => {
  expect(spcChart(BASE.slice(0, 11)).segments[0]!.trial).toBe(true);
  expect(spcChart(BASE).segments[0]!.trial).toBe(false);
  const one = spcChart([7]);
  expect(one.segments[0]).toMatchObject({ mean: 7, mrBar: null, ucl: null, lcl: null });
  expect(one.variation).toBe('INSUFFICIENT_DATA');
  expect(spcChart([]).variation).toBe('INSUFFICIENT_DATA');
});

test('rebasing: each segment on its own, and no signal spans a rebase', () => {
  expect(find(spcChart([1, 2, 3, 4, 5, 6]).signals, 'TREND', 'HIGH')).toEqual([0, 1, 2, 3, 4, 5]);
  const rebased = spcChart([1, 2, 3, 4, 5, 6], { rebaseAt: [3] });
  expect(rebased.segments.map((s) => [s.start, s.end, s.mean])).toEqual([
    [0, 2, 2],
    [3, 5, 5],
  ]);
  expect(rebased.signals).toEqual([]);
  // The moving range across the boundary (3 to 100) is never used: each segment's MR is 1.
  expect(spcChart([1, 2, 3, 100, 101, 102], { rebaseAt: [3] }).segments.map((s) => s.mrBar)).toEqual([1, 1]);
});

test("variation from the last point and the measure's direction of improvement", () => {
  const rising = [...BASE, 15, 15, 15];
  expect(spcChart(rising, { baselinePoints: 12, improvement: 'INCREASE' }).variation).toBe('IMPROVEMENT');
  expect(spcChart(rising, { baselinePoints: 12, improvement: 'DECREASE' }).variation).toBe('CONCERN');
  expect(spcChart(rising, { baselinePoints: 12, improvement: 'NEUTRAL' }).variation).toBe('NO_JUDGEMENT');
  expect(spcChart([...rising, 11], { baselinePoints: 12, improvement: 'DECREASE' }).variation).toBe('COMMON_CAUSE');
});

test('the contract example: 30 is outside the limits, the last point is common cause', () => {
  const chart = spcChart([12, 15, 11, 14, 13, 16, 12, 14, 13, 15, 30, 14], { ruleSet: 'PLAN' });
  // Mean 179/12; moving ranges 3,4,3,1,3,4,2,1,2,15,16 sum to 54 over 11.
  expect(chart.segments[0]!.mean).toBeCloseTo(14.916667, 6);
  expect(chart.segments[0]!.mrBar).toBeCloseTo(4.909091, 6);
  expect(chart.segments[0]!.ucl).toBeCloseTo(27.974848, 6);
  expect(chart.segments[0]!.lcl).toBeCloseTo(1.858485, 6);
  expect(chart.signals).toEqual([{ rule: 'OUTSIDE_LIMITS', direction: 'HIGH', indices: [10] }]);
  expect(chart.variation).toBe('COMMON_CAUSE');
});

test('moving-range screening drops ranges of 3.267 x MR or more, once', () => {
  // Ranges 1,1,1,1,1,1,1,1,1,1,1,20 average 2.5833; 20 >= 8.44 is dropped: MR 1.
  const values = [10, 11, 10, 11, 10, 11, 10, 11, 10, 11, 10, 11, 31];
  expect(spcChart(values).segments[0]!.mrBar).toBeCloseTo(2.583333, 6);
  expect(spcChart(values, { screening: true }).segments[0]!.mrBar).toBe(1);
});

test('bad input is refused', () => {
  expect(() => spcChart([1, Number.NaN])).toThrow(SpcInputError);
  expect(() => spcChart([1, 2, 3], { baselinePoints: 1 })).toThrow(
    'baselinePoints must be a whole number of 2 or more',
  );
  expect(() => spcChart([1, 2, 3], { rebaseAt: [3] })).toThrow('rebaseAt 3 is not an index between 1 and 2');
});
