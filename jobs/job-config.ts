import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { validate } from 'node-cron';
import { z } from 'zod';
import { PROJECT_ROOT } from '../src/config/project-root';
import { bool, checkWith, coded, found, kindOf, number, oneOf, text } from '../src/errors/zod-problems';
import { CONNECTOR_DATASETS, type ConnectorOptions } from '../src/ingest/connectors';

// The jobs, declared: which dataset, when (cron), how long at most, and where from. The file
// (jobs/schedule.json, or INGEST_SCHEDULE_FILE) is overridden per dataset by environment
// variables INGEST_<DATASET>_CRON, _URL, _FILE, _FOLDER and _TIMEOUT_SECONDS, where <DATASET>
// is the id in capitals with dashes as underscores (police-street: INGEST_POLICE_STREET_URL).

export type JobSource = { file: string } | { folder: string } | { url: string };

export interface JobSpec {
  dataset: string;
  cron: string;
  timeoutSeconds: number;
  source: JobSource;
  options: ConnectorOptions;
  /** Load a delivery the whole-source guard finds suspect (every run of this job is then recorded as forced). */
  forced?: boolean;
  /** How far a figure of a whole-period source may move before a delivery is suspect (default 0.3). */
  maxChange?: number;
}

const cron = z.string().refine((value) => validate(value), {
  error: (iss) => `expected a cron expression such as "15 6 * * *", found ${found(iss.input)}`,
});
const seconds = number.positive({ error: 'expected a positive number of seconds' });

// A polygon's points are [lat, lng] pairs: a pair is what the connector reads, so a point of
// one or three numbers is a mistake in the file, not something to make up or drop.
const point = z.tuple([number, number], {
  error: (iss) =>
    `expected a [lat, lng] pair, found ${Array.isArray(iss.input) ? `an array of ${iss.input.length}` : kindOf(iss.input)}`,
});

const recordSchema = z.strictObject({
  dataset: oneOf(CONNECTOR_DATASETS),
  cron,
  timeoutSeconds: seconds,
  // Each may be left out when an environment variable gives the source (checked once both are known).
  source: z.strictObject({ file: text.optional(), folder: text.optional(), url: text.optional() }),
  options: z
    .strictObject({
      forceTotals: bool.nullable().optional(),
      force: text.optional(),
      month: coded(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month YYYY-MM').optional(),
      areas: z.array(z.strictObject({ code: text, poly: z.array(point) })).optional(),
    })
    .optional(),
  forced: bool.optional(),
  maxChange: number.positive({ error: 'expected a share such as 0.3 (30%)' }).optional(),
  note: text.optional(),
});

const scheduleSchema = z.array(recordSchema);

type JobRecord = z.infer<typeof recordSchema>;

// The overrides come as strings; a URL may carry a password, so it is never quoted back.
const overridesSchema = z.object({
  cron: cron.optional(),
  timeoutSeconds: z
    .string()
    .refine((raw) => Number.isFinite(Number(raw)) && Number(raw) > 0, {
      error: (iss) => `expected a positive number of seconds, found ${found(iss.input)}`,
    })
    .transform(Number)
    .optional(),
  url: z.string().optional(),
  file: z.string().optional(),
  folder: z.string().optional(),
});

type Overrides = z.infer<typeof overridesSchema>;

/** What is wrong with the schedule: a message, and each problem on its own (none for a missing file). */
export class JobConfigError extends Error {
  constructor(
    message: string,
    readonly problems: string[] = [],
  ) {
    super(message);
    this.name = 'JobConfigError';
  }
}

const envName = (dataset: string, key: string): string => `INGEST_${dataset.toUpperCase().replace(/-/g, '_')}_${key}`;
const resolvePath = (p: string): string => (isAbsolute(p) ? p : join(PROJECT_ROOT, p));

const ENV_KEYS = {
  cron: 'CRON',
  timeoutSeconds: 'TIMEOUT_SECONDS',
  url: 'URL',
  file: 'FILE',
  folder: 'FOLDER',
} as const;

/** The environment's overrides for one dataset, checked; problems name the variable. */
function overridesFor(dataset: string, env: NodeJS.ProcessEnv, problems: string[]): Overrides {
  // An empty variable is as good as unset for a source (so `INGEST_X_URL= npm start` uses the
  // file), but an empty cron or timeout is a mistake worth reporting.
  const raw = {
    cron: env[envName(dataset, ENV_KEYS.cron)],
    timeoutSeconds: env[envName(dataset, ENV_KEYS.timeoutSeconds)],
    url: env[envName(dataset, ENV_KEYS.url)] || undefined,
    file: env[envName(dataset, ENV_KEYS.file)] || undefined,
    folder: env[envName(dataset, ENV_KEYS.folder)] || undefined,
  };
  const result = overridesSchema.safeParse(raw);
  if (result.success) return result.data;
  for (const issue of result.error.issues)
    problems.push(`${envName(dataset, ENV_KEYS[issue.path[0] as keyof typeof ENV_KEYS])}: ${issue.message}`);
  return {};
}

function sourceOf(record: JobRecord, env: Overrides): { source: JobSource; fromEnv: boolean } | undefined {
  if (env.url) return { source: { url: env.url }, fromEnv: true };
  if (env.file) return { source: { file: resolvePath(env.file) }, fromEnv: true };
  if (env.folder) return { source: { folder: resolvePath(env.folder) }, fromEnv: true };
  const s = record.source;
  if (s.url) return { source: { url: s.url }, fromEnv: false };
  if (s.file) return { source: { file: resolvePath(s.file) }, fromEnv: false };
  if (s.folder) return { source: { folder: resolvePath(s.folder) }, fromEnv: false };
  return undefined;
}

const refused = (problems: string[]): JobConfigError =>
  new JobConfigError(`job schedule problems:\n${problems.map((p) => `  - ${p}`).join('\n')}`, problems);

export function loadJobSpecs(file: string, env: NodeJS.ProcessEnv = process.env): JobSpec[] {
  const path = resolvePath(file);
  if (!existsSync(path)) throw new JobConfigError(`the job schedule file ${path} does not exist`);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new JobConfigError(`${file} is not valid JSON: ${(err as Error).message}`);
  }
  // Problems name the file as it was given (jobs/schedule.json), then the path inside it.
  const checked = checkWith(scheduleSchema, json, file);
  if (!checked.ok) throw refused(checked.problems);

  const problems: string[] = [];
  const specs = checked.data.flatMap((r, i): JobSpec[] => {
    const overrides = overridesFor(r.dataset, env, problems);
    const picked = sourceOf(r, overrides);
    if (!picked) {
      const vars = ['URL', 'FILE', 'FOLDER'].map((k) => envName(r.dataset, k)).join(', ');
      problems.push(`${file}[${i}].source: needs one of file, folder or url (or ${vars})`);
      return [];
    }
    const o = r.options;
    // Options written for the default (sample) source do not carry over to a source set by env,
    // except what says which area to read (the API's force and polygons).
    const options: ConnectorOptions = {
      force: o?.force,
      areas: o?.areas,
      month: o?.month,
      forceTotals: picked.fromEnv && r.dataset !== 'police-api' ? undefined : (o?.forceTotals ?? undefined),
    };
    return [
      {
        dataset: r.dataset,
        cron: overrides.cron ?? r.cron,
        timeoutSeconds: overrides.timeoutSeconds ?? r.timeoutSeconds,
        source: picked.source,
        options,
        forced: r.forced ?? undefined,
        maxChange: r.maxChange,
      },
    ];
  });
  if (problems.length) throw refused(problems);
  return specs;
}
