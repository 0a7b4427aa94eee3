import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JobConfigError, loadJobSpecs } from '../../jobs/job-config';
import { PROJECT_ROOT } from '../../src/config/project-root';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hub-schedule-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function scheduleFile(jobs: unknown): string {
  const file = join(dir, 'schedule.json');
  writeFileSync(file, JSON.stringify(jobs));
  return file;
}

function problemsOf(file: string, env: NodeJS.ProcessEnv = {}): string[] {
  try {
    loadJobSpecs(file, env);
  } catch (err) {
    if (err instanceof JobConfigError) return err.problems;
    throw err;
  }
  throw new Error('the schedule was accepted');
}

test('the shipped schedule reads, and the environment overrides a job', () => {
  const specs = loadJobSpecs('jobs/schedule.json', {});
  expect(specs.map((s) => s.dataset)).toEqual([
    'police-street',
    'fingertips',
    'fire-incidents',
    'ons-population',
    'partner-feed',
  ]);
  expect(specs[0]).toEqual({
    dataset: 'police-street',
    cron: '15 6 * * *',
    timeoutSeconds: 900,
    source: { folder: join(PROJECT_ROOT, 'data/samples/police-street') },
    options: { forceTotals: false, force: undefined, areas: undefined, month: undefined },
  });
  const [police] = loadJobSpecs('jobs/schedule.json', {
    INGEST_POLICE_STREET_URL: 'http://127.0.0.1:9/street.csv',
    INGEST_POLICE_STREET_CRON: '0 5 * * *',
    INGEST_POLICE_STREET_TIMEOUT_SECONDS: '60',
  });
  expect(police).toMatchObject({
    cron: '0 5 * * *',
    timeoutSeconds: 60,
    source: { url: 'http://127.0.0.1:9/street.csv' },
    options: { forceTotals: undefined },
  });
});

test('every problem in the file is reported with the file and the path inside it', () => {
  const file = scheduleFile([
    { dataset: 'fingertips', cron: 'every morning', timeoutSeconds: 900, source: { file: 'a.csv' } },
    { dataset: 'crimes', cron: '0 7 * * *', timeoutSeconds: 0, source: { path: 'b.csv' } },
    {
      dataset: 'police-api',
      cron: '0 7 1 * *',
      timeoutSeconds: 600,
      source: { url: 'http://127.0.0.1:9/api' },
      options: { force: 'hampshire', month: 'March', areas: [{ code: 'E07000088', poly: [[50.8, -1.1, 3]] }] },
    },
  ]);
  expect(problemsOf(file)).toEqual([
    `${file}[0].cron: expected a cron expression such as "15 6 * * *", found "every morning"`,
    `${file}[1].dataset: expected one of police-street, fingertips, fire-incidents, ons-population, partner-feed, police-api, found "crimes"`,
    `${file}[1].timeoutSeconds: expected a positive number of seconds`,
    `${file}[1].source.path: unknown field`,
    `${file}[2].options.month: expected a month YYYY-MM, found "March"`,
    `${file}[2].options.areas[0].poly[0]: expected a [lat, lng] pair, found an array of 3`,
  ]);
});

test('a bad override names its variable, and a job with no source at all is refused', () => {
  const file = scheduleFile([
    { dataset: 'fingertips', cron: '30 6 * * 1', timeoutSeconds: 900, source: { file: 'a.csv' } },
    { dataset: 'partner-feed', cron: '0 * * * *', timeoutSeconds: 300, source: {} },
    { dataset: 'ons-population', cron: '0 7 1 * *', timeoutSeconds: 600, source: {} },
  ]);
  expect(
    problemsOf(file, {
      INGEST_FINGERTIPS_CRON: 'often',
      INGEST_FINGERTIPS_TIMEOUT_SECONDS: 'soon',
      INGEST_ONS_POPULATION_URL: 'https://user:password@example.org/myeb1.csv',
    }),
  ).toEqual([
    'INGEST_FINGERTIPS_CRON: expected a cron expression such as "15 6 * * *", found "often"',
    'INGEST_FINGERTIPS_TIMEOUT_SECONDS: expected a positive number of seconds, found "soon"',
    `${file}[1].source: needs one of file, folder or url (or INGEST_PARTNER_FEED_URL, INGEST_PARTNER_FEED_FILE, INGEST_PARTNER_FEED_FOLDER)`,
  ]);
});

test('a file that is not JSON, or not there, says so', () => {
  const file = join(dir, 'schedule.json');
  writeFileSync(file, '[{');
  expect(() => loadJobSpecs(file, {})).toThrow(`${file} is not valid JSON`);
  expect(() => loadJobSpecs(join(dir, 'none.json'), {})).toThrow(JobConfigError);
});
