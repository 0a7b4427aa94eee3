import 'reflect-metadata';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse, printSchema, type GraphQLSchema } from 'graphql';
import { createResolversMap } from 'type-graphql';
import type { Area, Measure, Partnership } from '../entities';
import { pageWindow, type PageArgs } from '../graphql/connection';
import type { HubContext } from '../graphql/context';
import type { AreaType } from '../domain/enums';

// The hub as an Apollo Federation 2 subgraph. Every hub serves the same schema, so its types
// are @shareable; Area and Measure are entities keyed by GSS or measure code, Partnership by
// slug. Because a shared field is answered by one subgraph only, each hub also contributes
// fields of its own, named by its HUB_ID: a root field with its own partnerships and areas,
// and a field on Area with its own partnerships and figures for that area. A gateway can then
// take partnerships from both hubs, and an area's figures from one and its partnerships from
// the other, in one query.

export const FEDERATION_LINK =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@shareable"])';

const KEYS: Record<string, string> = {
  Area: '@key(fields: "code")',
  Measure: '@key(fields: "code")',
  Partnership: '@key(fields: "slug")',
};

export const HUB_ID = /^[a-z][A-Za-z0-9_]{0,39}$/;

function hubFields(hubId: string): string {
  return `
"""What one hub holds: its partnerships and areas, whichever hub a gateway sends the rest of a query to."""
type HubView @shareable {
  """The hub's id (its HUB_ID)."""
  hub: String!
  partnerships: [Partnership!]!
  area(code: String!): Area
  areas(type: AreaType, parent: String, first: Int, after: String): AreaConnection!
}

"""What one hub holds about an area: the partnerships it knows cover it and the figures it has."""
type AreaView @shareable {
  hub: String!
  partnerships: [Partnership!]!
  population: PopulationFigure
  observations(measure: String, from: String, to: String, first: Int, after: String): ObservationConnection!
}

extend type Query {
  """This hub's own view (HUB_ID ${hubId})."""
  ${hubId}: HubView!
}

extend type Area {
  """What this hub (HUB_ID ${hubId}) holds about the area."""
  ${hubId}: AreaView!
}
`;
}

/** The subgraph SDL: the hub's schema with keys and @shareable, plus this hub's own fields. */
export function subgraphTypeDefs(schema: GraphQLSchema, hubId: string): string {
  if (!HUB_ID.test(hubId))
    throw new Error(`HUB_ID "${hubId}" must be a GraphQL name: a lower-case letter, then letters, digits or _`);
  const sdl = printSchema(schema).replace(
    /^type (\w+) \{/gm,
    (_m, name: string) => `type ${name}${KEYS[name] ? ` ${KEYS[name]}` : ''} @shareable {`,
  );
  return `${FEDERATION_LINK}\n\n${sdl}\n${hubFields(hubId)}`;
}

type Resolver = (root: never, args: never, ctx: HubContext) => unknown;
type ResolverMap = Record<string, Record<string, Resolver | object>>;

interface AreasArgs extends PageArgs {
  type?: AreaType | null;
  parent?: string | null;
}

interface ObservationsArgs extends PageArgs {
  measure?: string | null;
  from?: string | null;
  to?: string | null;
}

function hubResolvers(hubId: string): ResolverMap {
  return {
    Query: { [hubId]: () => ({ hub: hubId }) },
    HubView: {
      partnerships: (_v: unknown, _a: unknown, ctx: HubContext) => ctx.services.partnerships.list(),
      area: (_v: unknown, args: { code: string }, ctx: HubContext) => ctx.services.areas.byCode(args.code),
      areas: (_v: unknown, args: AreasArgs, ctx: HubContext) =>
        ctx.services.areas.page({ type: args.type, parent: args.parent }, pageWindow(args, ctx.settings.maxPageSize)),
    },
    Area: {
      [hubId]: (area: Area) => ({ hub: hubId, area }),
      __resolveReference: (ref: { code: string }, ctx: HubContext) => ctx.loaders.area.load(ref.code),
    },
    AreaView: {
      partnerships: (v: { area: Area }, _a: unknown, ctx: HubContext) =>
        ctx.loaders.partnershipsByArea.load(v.area.code),
      population: (v: { area: Area }, _a: unknown, ctx: HubContext) => ctx.loaders.latestPopulation.load(v.area.code),
      observations: (v: { area: Area }, args: ObservationsArgs, ctx: HubContext) =>
        ctx.loaders.observationsByArea.load({
          owner: v.area.code,
          filter: { measure: args.measure, from: args.from, to: args.to },
          window: pageWindow(args, ctx.settings.maxPageSize),
        }),
    },
    Measure: {
      __resolveReference: (ref: { code: string }, ctx: HubContext): Promise<Measure | null> =>
        ctx.loaders.measure.load(ref.code),
    },
    Partnership: {
      __resolveReference: (ref: { slug: string }, ctx: HubContext): Promise<Partnership | null> =>
        ctx.loaders.partnership.load(ref.slug),
    },
  };
}

/** The executable subgraph schema: type-graphql's resolvers, this hub's fields, reference resolvers. */
export function buildHubSubgraphSchema(schema: GraphQLSchema, hubId: string): GraphQLSchema {
  const base = createResolversMap(schema) as unknown as ResolverMap;
  const extra = hubResolvers(hubId);
  const resolvers: ResolverMap = { ...base };
  for (const [type, fields] of Object.entries(extra)) resolvers[type] = { ...(resolvers[type] ?? {}), ...fields };
  return buildSubgraphSchema({ typeDefs: parse(subgraphTypeDefs(schema, hubId)), resolvers: resolvers as never });
}
