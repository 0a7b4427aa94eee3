import { groupBy } from '../../src/analytics/group-by';

test("groups keep the items' order, keyed in first-seen order", () => {
  const groups = groupBy(
    [
      { k: 'b', n: 1 },
      { k: 'a', n: 2 },
      { k: 'b', n: 3 },
    ],
    (x) => x.k,
  );
  expect([...groups.keys()]).toEqual(['b', 'a']);
  expect(groups.get('b')!.map((x) => x.n)).toEqual([1, 3]);
  expect(groupBy([], (x: number) => x).size).toBe(0);
});
