import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { subgraphTypeDefs } from '../src/federation/subgraph';
import { buildHubSchema } from '../src/graphql/schema';

// Writes the subgraph SDL (for the default HUB_ID, "hub") to schema/subgraph.graphql; a test
// fails when it drifts from the code.
export const SUBGRAPH_FILE = 'schema/subgraph.graphql';

buildHubSchema()
  .then((schema) => {
    writeFileSync(SUBGRAPH_FILE, subgraphTypeDefs(schema, 'hub'));
    process.stdout.write(`wrote ${SUBGRAPH_FILE}\n`);
  })
  .catch((err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
  });
