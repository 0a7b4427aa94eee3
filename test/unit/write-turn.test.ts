import { StoreBusyError } from '../../src/errors/store-busy';
import { WriteGate } from '../../src/store/write-turn';

// The gate of one store file: one write at a time, in the order they asked, each waiting at most
// its own wait, and the turn handed on however the write ended.

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

test('turns are granted one at a time, in the order they were asked for', async () => {
  const gate = new WriteGate();
  const order: string[] = [];
  const release = await gate.acquire(1000);
  const waiting = ['b', 'c', 'd'].map((name) =>
    gate.run(1000, async () => {
      order.push(`${name} starts`);
      await tick();
      order.push(`${name} ends`);
    }),
  );
  await tick();
  expect(gate.waiting).toBe(3);
  expect(order).toEqual([]);
  release();
  await Promise.all(waiting);
  expect(order).toEqual(['b starts', 'b ends', 'c starts', 'c ends', 'd starts', 'd ends']);
  expect(gate.busy).toBe(false);
});

test('a turn not granted within its wait fails with STORE_BUSY and leaves the queue', async () => {
  const gate = new WriteGate();
  const release = await gate.acquire(1000);
  const started = Date.now();
  const late = gate.acquire(50);
  const patient = gate.acquire(5000);
  await expect(late).rejects.toBeInstanceOf(StoreBusyError);
  const waited = Date.now() - started;
  expect(waited).toBeGreaterThanOrEqual(45);
  expect(waited).toBeLessThan(1000);
  await late.catch((err: StoreBusyError) => {
    expect(err.extensions.code).toBe('STORE_BUSY');
    // 50 ms rounds up to the smallest whole second a Retry-After can say.
    expect(err.retryAfter).toBe(1);
    expect(err.message).toBe('The store is busy with another write; nothing was written. Try again after 1 second.');
  });
  // The one that gave up is gone: the next release goes to the one still waiting.
  expect(gate.waiting).toBe(1);
  release();
  const next = await patient;
  expect(gate.busy).toBe(true);
  next();
  expect(gate.busy).toBe(false);
});

test('a write that throws still hands the turn on; releasing twice hands on nothing more', async () => {
  const gate = new WriteGate();
  await expect(
    gate.run(1000, async () => {
      throw new Error('the write failed');
    }),
  ).rejects.toThrow('the write failed');
  expect(gate.busy).toBe(false);

  const first = await gate.acquire(1000);
  const second = gate.acquire(1000);
  const third = gate.acquire(1000);
  first();
  first();
  const secondRelease = await second;
  // The double release did not also let the third in beside the second.
  let thirdIn = false;
  void third.then(() => {
    thirdIn = true;
  });
  await tick();
  expect(thirdIn).toBe(false);
  secondRelease();
  (await third)();
  expect(gate.busy).toBe(false);
});

test('Retry-After is the wait in whole seconds, rounded up', () => {
  expect(new StoreBusyError(5000).retryAfter).toBe(5);
  expect(new StoreBusyError(5001).retryAfter).toBe(6);
  expect(new StoreBusyError(5000).message).toBe(
    'The store is busy with another write; nothing was written. Try again after 5 seconds.',
  );
});
