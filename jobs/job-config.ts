import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { validate } from 'node-cron';
import { PROJECT_ROOT } from '../src/config/project-root';
import { arrayOf, bool, nullable, num, object, optional, str, type Problems } from '../src/reference/shape';
import { CONNECTOR_DATASETS, type ConnectorOptions } from './connectors';

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
}

interface JobRecord {
  dataset: string;
  cron: string;
  timeoutSeconds: number;
  source: { file?: string; folder?: string; url?: string };
  options?: {
    forceTotals?: boolean | null;
    force?: string;
    month?: string;
    areas?: Array<{ code: string; poly: number[][] }>;
  };
  note?: string;
}

const recordShape = object<JobRecord>({
  dataset: str,
  cron: str,
  timeoutSeconds: num,
  source: object({ file: optional(str), folder: optional(str), url: optional(str) }),
  options: optional(
    object({
      forceTotals: optional(nullable(bool)),
      force: optional(str),
      month: optional(str),
      areas: optional(arrayOf(object({ code: str, poly: arrayOf(arrayOf(num)) }))),
    }),
  ),
  note: optional(str),
});

export class JobConfigError extends Error {}

const envName = (dataset: string, key: string): string => `INGEST_${dataset.toUpperCase().replace(/-/g, '_')}_${key}`;
const resolvePath = (p: string): string => (isAbsolute(p) ? p : join(PROJECT_ROOT, p));

function sourceOf(
  record: JobRecord,
  env: NodeJS.ProcessEnv,
  problems: Problems,
): { source: JobSource; fromEnv: boolean } {
  const url = env[envName(record.dataset, 'URL')];
  const file = env[envName(record.dataset, 'FILE')];
  const folder = env[envName(record.dataset, 'FOLDER')];
  if (url) return { source: { url }, fromEnv: true };
  if (file) return { source: { file: resolvePath(file) }, fromEnv: true };
  if (folder) return { source: { folder: resolvePath(folder) }, fromEnv: true };
  const s = record.source;
  if (s.url) return { source: { url: s.url }, fromEnv: false };
  if (s.file) return { source: { file: resolvePath(s.file) }, fromEnv: false };
  if (s.folder) return { source: { folder: resolvePath(s.folder) }, fromEnv: false };
  problems.push(`${record.dataset}: source needs one of file, folder or url`);
  return { source: { file: '' }, fromEnv: false };
}

export function loadJobSpecs(file: string, env: NodeJS.ProcessEnv = process.env): JobSpec[] {
  const path = resolvePath(file);
  if (!existsSync(path)) throw new JobConfigError(`the job schedule file ${path} does not exist`);
  const problems: Problems = [];
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new JobConfigError(`${path} is not valid JSON: ${(err as Error).message}`);
  }
  const records = arrayOf(recordShape)(json, path, problems);
  const specs = records.map((r) => {
    if (!CONNECTOR_DATASETS.includes(r.dataset))
      problems.push(`${r.dataset}: no connector for this dataset (known: ${CONNECTOR_DATASETS.join(', ')})`);
    const cron = env[envName(r.dataset, 'CRON')] ?? r.cron;
    if (!validate(cron)) problems.push(`${r.dataset}: "${cron}" is not a cron expression`);
    const timeoutSeconds = Number(env[envName(r.dataset, 'TIMEOUT_SECONDS')] ?? r.timeoutSeconds);
    if (!Number.isFinite(timeoutSeconds) || timeoutSeconds <= 0)
      problems.push(`${r.dataset}: timeoutSeconds must be a positive number`);
    const { source, fromEnv } = sourceOf(r, env, problems);
    const o = r.options;
    const areas = o?.areas?.map((a) => ({
      code: a.code,
      poly: a.poly.map((p) => [p[0] ?? 0, p[1] ?? 0] as [number, number]),
    }));
    // Options written for the default (sample) source do not carry over to a source set by env,
    // except what says which area to read (the API's force and polygons).
    const options: ConnectorOptions = {
      force: o?.force,
      areas,
      month: o?.month,
      forceTotals: fromEnv && r.dataset !== 'police-api' ? undefined : (o?.forceTotals ?? undefined),
    };
    return { dataset: r.dataset, cron, timeoutSeconds, source, options };
  });
  if (problems.length)
    throw new JobConfigError(`job schedule problems:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  return specs;
}
