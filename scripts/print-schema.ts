import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { printHubSchema, SCHEMA_FILE } from '../src/graphql/print-schema';
import { buildHubSchema } from '../src/graphql/schema';

// Writes the printed SDL to schema/schema.graphql. The schema drift test fails until this is
// run after a schema change, so the checked-in contract always matches the code.
buildHubSchema()
  .then((schema) => {
    writeFileSync(SCHEMA_FILE, printHubSchema(schema));
    process.stdout.write(`wrote ${SCHEMA_FILE}\n`);
  })
  .catch((err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
  });
