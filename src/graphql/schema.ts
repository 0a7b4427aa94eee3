import 'reflect-metadata';
import type { GraphQLSchema } from 'graphql';
import { buildSchema, getMetadataStorage } from 'type-graphql';
import '../domain/enums';
import { RESOLVERS } from '../resolvers';

/**
 * Object type fields without a field resolver read their property with graphql-js's default
 * resolver. By default type-graphql wraps each of them in a resolver of its own, to run field
 * middlewares; the hub has none, and the wrapper is paid on every field of every response.
 * A type with a field that needs the wrapper (middleware, roles, a renamed property) keeps it.
 */
function preferDefaultResolvers(): void {
  const storage = getMetadataStorage();
  const needsWrapper = new Set<unknown>(
    storage.fields
      .filter((f) => (f.middlewares?.length ?? 0) > 0 || (f.roles?.length ?? 0) > 0 || f.name !== f.schemaName)
      .map((f) => f.target),
  );
  for (const type of storage.objectTypes) {
    if (type.simpleResolvers === undefined && !needsWrapper.has(type.target)) type.simpleResolvers = true;
  }
}

/** The hub's schema, from the resolver and entity classes. Validation is our own (no class-validator). */
export function buildHubSchema(): Promise<GraphQLSchema> {
  preferDefaultResolvers();
  const [first, ...rest] = RESOLVERS;
  return buildSchema({ resolvers: [first, ...rest], validate: false });
}
