import { RunStatus } from '../../src/domain/enums';
import { IngestRun } from '../../src/entities';
import { createLogger } from '../../src/logging/logger';
import type { JobSpec } from '../../jobs/job-config';
import { startScheduler } from '../../jobs/scheduler';
import { POLICE_SAMPLE, readSample } from '../helpers/fixtures';
import { startFixtureServer, type FixtureServer } from '../helpers/fixture-server';
import { startTestHub, type TestHub } from '../helpers/test-hub';

// Two schedulers on one store (on PostgreSQL in that leg), both firing the same job every
// second, while each run takes about 1.5 s: the runs never overlap, and the job still runs.

let t: TestHub;
let server: FixtureServer;
beforeAll(async () => {
  t = await startTestHub();
  server = await startFixtureServer([{ slow: readSample(POLICE_SAMPLE), chunkSize: 5000, delayMs: 150 }]);
});
afterAll(async () => {
  await server.close();
  await t.stop();
});

test('the same job is never run by two schedulers at once', async () => {
  const spec: JobSpec = {
    dataset: 'police-street',
    cron: '* * * * * *',
    timeoutSeconds: 30,
    source: { url: `${server.url}/2022-02-hampshire-street.csv` },
    options: {},
  };
  const lines: string[] = [];
  const logger = createLogger('info', {}, (l) => lines.push(l));
  const a = startScheduler(t.hub.dataSource, [spec], t.hub.figuresChanged, logger.child({ scheduler: 'a' }));
  const b = startScheduler(t.hub.dataSource, [spec], t.hub.figuresChanged, logger.child({ scheduler: 'b' }));
  await new Promise((r) => setTimeout(r, 5000));
  await Promise.all([a.stop(), b.stop()]);

  const runs = await t.hub.dataSource.manager.find(IngestRun, { order: { startedAt: 'ASC' } });
  expect(runs.length).toBeGreaterThanOrEqual(2);
  expect(runs.every((r) => r.status === RunStatus.SUCCEEDED)).toBe(true);
  for (let i = 1; i < runs.length; i += 1) {
    expect(runs[i]!.startedAt.getTime()).toBeGreaterThanOrEqual(runs[i - 1]!.finishedAt!.getTime());
  }
  const skips = lines
    .map((l) => JSON.parse(l) as { msg: string; scheduler?: string })
    .filter((l) => l.msg === 'run skipped');
  expect(skips.length).toBeGreaterThan(0);
});
