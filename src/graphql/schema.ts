import 'reflect-metadata';
import type { GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import '../domain/enums';
import { RESOLVERS } from '../resolvers';

/** The hub's schema, from the resolver and entity classes. Validation is our own (no class-validator). */
export function buildHubSchema(): Promise<GraphQLSchema> {
  const [first, ...rest] = RESOLVERS;
  return buildSchema({ resolvers: [first, ...rest], validate: false });
}
