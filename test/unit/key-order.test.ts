import { areaRanks, inKeyOrder } from '../../src/ingest/key-order';

// Figures of one measure as the observation writer inserts them: by area, then period, each area
// and period once, the last row given for it kept. Expected orders written out by hand.

const fig = (areaCode: string, period: string, value: number): { areaCode: string; period: string; value: number } => ({
  areaCode,
  period,
  value,
});

test('areas in code order, periods in order within an area, a figure given twice kept as its last row', () => {
  const given = [
    fig('E07000088', '2024-02', 1),
    fig('E06000044', '2024-03', 2),
    fig('E07000088', '2024-01', 3),
    fig('E06000044', '2024-03', 9),
    fig('E01017032', '2024-03', 4),
  ];
  const { list, dropped } = inKeyOrder(given, areaRanks(given.map((g) => g.areaCode)));
  expect(list.map((o) => [o.areaCode, o.period, o.value])).toEqual([
    ['E01017032', '2024-03', 4],
    ['E06000044', '2024-03', 9],
    ['E07000088', '2024-01', 3],
    ['E07000088', '2024-02', 1],
  ]);
  expect(dropped).toBe(1);
});

test('a ranking of more areas than the measure has (the whole write) leaves the others out; codes compare by code unit', () => {
  const rank = areaRanks(['W06000015', 'E92000001', 'E12000008', 'K04000001', 'E06000044']);
  expect([...rank.keys()]).toEqual(['E06000044', 'E12000008', 'E92000001', 'K04000001', 'W06000015']);
  const { list, dropped } = inKeyOrder([fig('K04000001', '2024', 1), fig('E12000008', '2024', 2)], rank);
  expect(list.map((o) => o.areaCode)).toEqual(['E12000008', 'K04000001']);
  expect(dropped).toBe(0);
});

test('a figure of an area not ranked is an error, not a figure left out', () => {
  expect(() => inKeyOrder([fig('E07000088', '2024-01', 1)], areaRanks(['E06000044']))).toThrow(/not ranked/);
});

test('nothing given, nothing placed', () => {
  expect(inKeyOrder([], areaRanks([]))).toEqual({ list: [], dropped: 0 });
});
