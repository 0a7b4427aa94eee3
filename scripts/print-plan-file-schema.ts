import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { format, resolveConfig } from 'prettier';
import { PROJECT_ROOT } from '../src/config/project-root';
import { PLAN_FILE_SCHEMA, planFileJsonSchema } from '../src/reference/plan-file-schema';

// Writes the JSON Schema of a plan file to docs/plan-file.schema.json. The drift test fails
// until this is run after a change to the reference schemas, so the committed file (the one a
// council's editor reads) always matches what the loader checks. It is written the way
// prettier would write it, so `npm run format:check` passes on it as it is.
async function main(): Promise<void> {
  const file = join(PROJECT_ROOT, PLAN_FILE_SCHEMA);
  const options = (await resolveConfig(file)) ?? {};
  writeFileSync(file, await format(JSON.stringify(planFileJsonSchema()), { ...options, filepath: file }));
  process.stdout.write(`wrote ${PLAN_FILE_SCHEMA}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
