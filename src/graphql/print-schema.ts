import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';

/** The SDL as checked in at schema/schema.graphql: sorted, so diffs show real changes only. */
export function printHubSchema(schema: GraphQLSchema): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}

export const SCHEMA_FILE = 'schema/schema.graphql';
