import type { DataSource } from 'typeorm';
import { PlanGraphService } from '../../src/services/plan-graph.service';

// The plan graph's reading rules, against a store faked to the two calls the service makes:
// the token (a query) and the seven tables (manager.find, each empty here).

function fakeStore(tokens: string[]): { ds: DataSource; finds: () => number } {
  let finds = 0;
  let i = 0;
  const ds = {
    query: async () => [{ token: tokens[Math.min(i++, tokens.length - 1)] }],
    manager: {
      find: async () => {
        finds += 1;
        return [];
      },
    },
  } as unknown as DataSource;
  return { ds, finds: () => finds };
}

test('a graph whose token moved while it was read is read again, and kept under the new token', async () => {
  // current() reads "a"; the tables; then "b": the graph moved, so the tables again; then "b".
  const store = fakeStore(['a', 'b', 'b', 'b']);
  const service = new PlanGraphService(store.ds);
  const graph = await service.current();
  expect(graph.token).toBe('b');
  expect(store.finds()).toBe(14);
  // The next request reads only the token, still "b": the kept graph, no table read.
  expect(await service.current()).toBe(graph);
  expect(store.finds()).toBe(14);
});

test('a graph that keeps changing is not served mixed: the last consistent one is, or an error', async () => {
  const settled = fakeStore(['a', 'a', 'b', 'c', 'd', 'e', 'f', 'g']);
  const service = new PlanGraphService(settled.ds);
  const first = await service.current();
  expect(first.token).toBe('a');
  // Every read from here on sees the token move: after three reads the graph of "a" is served.
  expect(await service.current()).toBe(first);

  const never = fakeStore(Array.from({ length: 100 }, (_, i) => `t${i}`));
  await expect(new PlanGraphService(never.ds).current()).rejects.toThrow(
    'the plan graph changed during each of 20 reads',
  );
});

test('a request that saw a newer token does not join a read started for an older one', async () => {
  let release: () => void = () => undefined;
  const gate = new Promise<void>((r) => (release = r));
  let tokenCalls = 0;
  const tokens = ['a', 'b', 'a', 'b', 'b'];
  let finds = 0;
  const ds = {
    query: async () => [{ token: tokens[Math.min(tokenCalls++, tokens.length - 1)] }],
    manager: {
      find: async () => {
        finds += 1;
        if (finds <= 7) await gate; // the first read, for "a", is held up
        return [];
      },
    },
  } as unknown as DataSource;
  const service = new PlanGraphService(ds);
  const older = service.current(); // reads "a", starts reading the tables
  await new Promise((r) => setImmediate(r));
  const newer = service.current(); // reads "b": must not share the read of "a"
  await new Promise((r) => setImmediate(r));
  release();
  expect((await newer).token).toBe('b');
  await older;
  expect(finds).toBeGreaterThanOrEqual(14);
});
