import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadSettings } from '../src/config/settings';
import { readGeography } from '../src/geography/geography-files';
import { POLICE_FORCES } from '../src/ingest/connectors/police-forces';
import { todayIso } from '../src/domain/today';
import { buildPartnershipSkeleton, SkeletonError } from '../src/reference/partnership-skeleton';
import type { OrganisationRecord, SourceDocumentRecord } from '../src/reference/reference.types';

// npm run partnership -- new <code> [--slug S] [--out DIR]
// Writes the skeleton of a partnership's plan file (src/reference/partnership-skeleton.ts works
// it out) into the reference folder, adding the organisations and the placeholder document it
// names. Exits 0 (written), 1 (refused: the file is already there) or 2 (bad arguments, or a
// code the ONS lookup does not know). Messages never repeat what was typed, beyond the code's form.

const USAGE = `usage: npm run partnership -- new <code> [--slug S] [--out DIR]
  <code>      the partnership's ONS code: E22 and six digits in England (e.g. E22000093, Cheltenham),
              W14 and six digits in Wales (W15 codes are Welsh police force areas, not partnerships)
  --slug S    the file's name, partnerships/<S>.json (default: the partnership's name, lower-case with hyphens)
  --out DIR   the reference folder to write into (default: REFERENCE_DIR, data/reference)`;

interface CliArgs {
  code: string;
  slug?: string;
  out?: string;
}

function parseArgs(argv: string[]): CliArgs | null {
  const [verb, code, ...rest] = argv;
  if (verb !== 'new' || code === undefined || code.startsWith('-')) return null;
  const args: CliArgs = { code };
  for (let i = 0; i < rest.length; i += 2) {
    const value = rest[i + 1];
    if (value === undefined) return null;
    if (rest[i] === '--slug') args.slug = value;
    else if (rest[i] === '--out') args.out = value;
    else return null;
  }
  return args;
}

function readList<T>(file: string): T[] {
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as T[]) : [];
}

const writeJson = (file: string, value: unknown): void => writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);

function main(): number {
  const args = parseArgs(process.argv.slice(2));
  if (!args) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const settings = loadSettings();
  const dir = args.out ?? settings.referenceDir;
  const organisationsFile = join(dir, 'organisations.json');
  const documentsFile = join(dir, 'documents.json');
  const organisations = readList<OrganisationRecord>(organisationsFile);
  let skeleton;
  try {
    skeleton = buildPartnershipSkeleton({
      code: args.code,
      slug: args.slug,
      geography: readGeography(settings.geographyDir),
      policeForces: POLICE_FORCES,
      organisations,
      today: todayIso(),
    });
  } catch (err) {
    if (!(err instanceof SkeletonError)) throw err;
    process.stderr.write(`${err.message}\n${err.problem === 'BAD_CODE' ? `${USAGE}\n` : ''}`);
    return 2;
  }
  const file = join(dir, 'partnerships', `${skeleton.slug}.json`);
  if (existsSync(file)) {
    process.stderr.write(
      `partnerships/${skeleton.slug}.json is already there: nothing was written. Edit it, or choose another name with --slug.\n`,
    );
    return 1;
  }
  const documents = readList<SourceDocumentRecord>(documentsFile);
  mkdirSync(join(dir, 'partnerships'), { recursive: true });
  writeJson(file, skeleton.partnership);
  if (skeleton.newOrganisations.length > 0)
    writeJson(organisationsFile, [...organisations, ...skeleton.newOrganisations]);
  // A placeholder left by an earlier run for the same slug is kept, not added twice.
  if (!documents.some((d) => d.id === skeleton.document.id))
    writeJson(documentsFile, [...documents, skeleton.document]);
  const p = skeleton.partnership;
  process.stdout.write(
    [
      `wrote partnerships/${skeleton.slug}.json: ${p.name} (${args.code}), districts ${p.areas.join(', ')}`,
      `members: ${p.memberships.map((m) => m.organisation).join(', ')}`,
      `added to organisations.json: ${skeleton.newOrganisations.map((o) => o.id).join(', ') || 'none (all there already)'}`,
      `plan ${p.plans[0]!.id} cites ${skeleton.document.id} (a placeholder entry in documents.json)`,
      `next: fill in the file, then npm run reference:check`,
    ].join('\n') + '\n',
  );
  return 0;
}

process.exitCode = main();
