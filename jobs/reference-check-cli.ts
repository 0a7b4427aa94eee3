import { loadSettings } from '../src/config/settings';
import { readGeography } from '../src/geography/geography-files';
import { ReferenceDataError, readReferenceData } from '../src/reference/reference-files';

// npm run reference:check [DIR]
// Checks a reference folder (default REFERENCE_DIR, data/reference) the way the hub does before
// it loads one: every file against its schema (the zod schemas docs/plan-file.schema.json is
// made from), then the codes the files share and the areas against the geography
// (GEOGRAPHY_DIR). Nothing is written and no store is opened. Prints each problem as
// `file: path: problem` and exits 1, or a one-line summary and exits 0.

function main(): number {
  const args = process.argv.slice(2);
  if (args.length > 1 || args[0]?.startsWith('-')) {
    process.stderr.write('usage: npm run reference:check [DIR]   (DIR: the reference folder, default REFERENCE_DIR)\n');
    return 2;
  }
  const settings = loadSettings();
  const dir = args[0] ?? settings.referenceDir;
  const areas = new Set(readGeography(settings.geographyDir).areas.map((a) => a.code));
  try {
    const data = readReferenceData(dir, areas);
    const plans = data.partnerships.reduce((n, p) => n + p.plans.length, 0);
    process.stdout.write(
      `${dir}: no problems (${data.partnerships.length} partnerships, ${plans} plans, ${data.measures.length} measures, ${data.organisations.length} organisations, ${data.documents.length} documents)\n`,
    );
    return 0;
  } catch (err) {
    if (!(err instanceof ReferenceDataError)) throw err;
    for (const problem of err.problems) process.stdout.write(`${problem}\n`);
    process.stderr.write(`${dir}: ${err.problems.length} problem(s); the hub would refuse to load this folder\n`);
    return 1;
  }
}

process.exitCode = main();
