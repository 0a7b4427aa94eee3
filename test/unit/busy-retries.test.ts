import { busyRetryDelays, wasStoreBusy } from '../../jobs/busy-retries';
import { RunStatus } from '../../src/domain/enums';
import type { RunResult } from '../../src/ingest/ingest-runner';

// A job the store was too busy for runs again after INGEST_BUSY_RETRY_SECONDS, then twice and
// four times as long: three retries at most.

test('the default of 60 s retries after 1, 2 and 4 minutes; 0 turns retries off', () => {
  expect(busyRetryDelays(60)).toEqual([60, 120, 240]);
  expect(busyRetryDelays(1)).toEqual([1, 2, 4]);
  expect(busyRetryDelays(0)).toEqual([]);
});

test('only a run that met a busy store asks for a retry, not one that failed otherwise or was skipped', () => {
  const result = (status: RunResult['status'], storeBusy: boolean): RunResult => ({
    status,
    run: null,
    counts: null,
    changedMeasures: [],
    error: null,
    storeBusy,
  });
  expect(wasStoreBusy([result(RunStatus.SUCCEEDED, false), result(RunStatus.FAILED, true)])).toBe(true);
  expect(wasStoreBusy([result(RunStatus.FAILED, false)])).toBe(false);
  expect(wasStoreBusy([result('SKIPPED', false)])).toBe(false);
});
