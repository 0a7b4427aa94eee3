import 'reflect-metadata';
import { buildSubgraphSchema } from '@apollo/subgraph';
import {
  GraphQLError,
  Kind,
  parse,
  printSchema,
  type DocumentNode,
  type FieldNode,
  type GraphQLFieldResolver,
  type GraphQLSchema,
  type ObjectTypeDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';
import { createResolversMap } from 'type-graphql';
import type { Area, Measure, Partnership } from '../entities';
import { pageWindow, type PageArgs } from '../graphql/connection';
import type { HubContext } from '../graphql/context';

// The hub as an Apollo Federation 2 subgraph. Every hub serves the same schema, so its types
// are @shareable; Area and Measure are entities keyed by GSS or measure code, Partnership by
// slug.
//
// Almost every field answers from the hub's own store, and two hubs can hold different figures,
// partnerships and keys for the same area. A gateway answers a field that several hubs share
// from whichever hub its query planner picks, so through a gateway nothing may be reachable
// where a planner could pick: the shared root fields are @inaccessible (gone from the gateway's
// schema, still served to anyone asking the hub itself), and each hub puts its whole Query and
// Mutation under a root field named by its HUB_ID, answered by that hub alone. Each hub also adds
// a field on Area, named the same way, with what it holds about that area, so a query can follow
// an area from one hub's data into another's. Below those fields the planner stays in the hub it
// is in; entityReferenceRule makes that a rule the hub enforces rather than a planner habit.

export const FEDERATION_LINK =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@shareable", "@inaccessible"])';

/** The entities and their keys: what another subgraph may name a record by. */
const KEYS: Record<string, string> = {
  Area: 'code',
  Measure: 'code',
  Partnership: 'slug',
};

/** Each root type, and the type that carries the same fields under a hub's own root field. */
const HUB_VIEWS: Record<string, string> = { Query: 'HubView', Mutation: 'HubMutation' };

export const HUB_ID = /^[a-z][A-Za-z0-9_]{0,39}$/;

/** AreaView, and this hub's fields on the root types and on Area. */
function hubFields(hubId: string, roots: string[]): string {
  const extensions = [
    `extend type Query {\n  """This hub's own view (HUB_ID ${hubId})."""\n  ${hubId}: HubView!\n}`,
    ...(roots.includes('Mutation')
      ? [`extend type Mutation {\n  """This hub's own mutations (HUB_ID ${hubId})."""\n  ${hubId}: HubMutation!\n}`]
      : []),
    `extend type Area {\n  """What this hub (HUB_ID ${hubId}) holds about the area."""\n  ${hubId}: AreaView!\n}`,
  ];
  return `
"""What one hub holds about an area: the partnerships it knows cover it and the figures it has."""
type AreaView @shareable {
  hub: String!
  partnerships: [Partnership!]!
  population: PopulationFigure
  observations(measure: String, from: String, to: String, first: Int, after: String): ObservationConnection!
}

${extensions.join('\n\n')}
`;
}

const VIEW_DESCRIPTIONS: Record<string, string> = {
  HubView:
    "What one hub answers: every root query field of the hub, from that hub's own store, whichever hub a gateway sends the rest of a query to.",
  HubMutation: "One hub's mutations, carried out by that hub with the key it issued.",
};

/**
 * A root type's fields again, as the type behind a hub's own root field. HubView starts with the
 * hub's id. The text is cut from the printed type, so the two keep the same arguments and docs.
 */
function viewType(sdl: string, root: ObjectTypeDefinitionNode): string {
  const view = HUB_VIEWS[root.name.value]!;
  const body = sdl.slice(root.name.loc!.end, root.loc!.end).replace(/^ \{\n/, '');
  const hub = view === 'HubView' ? `  """The hub's id (its HUB_ID)."""\n  hub: String!\n\n` : '';
  return `"""${VIEW_DESCRIPTIONS[view]}"""\ntype ${view} @shareable {\n${hub}${body}`;
}

/** The subgraph SDL: the hub's schema with keys and @shareable, plus this hub's own fields. */
export function subgraphTypeDefs(schema: GraphQLSchema, hubId: string): string {
  if (!HUB_ID.test(hubId))
    throw new Error(`HUB_ID "${hubId}" must be a GraphQL name: a lower-case letter, then letters, digits or _`);
  const printed = printSchema(schema);
  const roots = parse(printed).definitions.filter(
    (d): d is ObjectTypeDefinitionNode => d.kind === Kind.OBJECT_TYPE_DEFINITION && d.name.value in HUB_VIEWS,
  );
  const views = roots.map((r) => viewType(printed, r));
  // @inaccessible after each root field's type, at the offsets the parser gives, from the end
  // back so the earlier offsets still hold.
  const ends = roots.flatMap((r) => (r.fields ?? []).map((f) => f.loc!.end)).sort((a, b) => b - a);
  let sdl = printed;
  for (const end of ends) sdl = `${sdl.slice(0, end)} @inaccessible${sdl.slice(end)}`;
  sdl = sdl.replace(
    /^type (\w+) \{/gm,
    (_m, name: string) => `type ${name}${KEYS[name] ? ` @key(fields: "${KEYS[name]}")` : ''} @shareable {`,
  );
  const rootNames = roots.map((r) => r.name.value);
  return `${FEDERATION_LINK}\n\n${sdl}\n\n${views.join('\n\n')}\n${hubFields(hubId, rootNames)}`;
}

/** A selection set's fields through inline and named fragments, each with the type it is asked of (or null). */
function fieldsOn(
  set: SelectionSetNode,
  type: string | null,
  ctx: ValidationContext,
  seen: Set<string>,
): Array<{ type: string | null; field: FieldNode }> {
  const out: Array<{ type: string | null; field: FieldNode }> = [];
  for (const sel of set.selections) {
    if (sel.kind === Kind.FIELD) out.push({ type, field: sel });
    else if (sel.kind === Kind.INLINE_FRAGMENT)
      out.push(...fieldsOn(sel.selectionSet, sel.typeCondition?.name.value ?? type, ctx, seen));
    else if (!seen.has(sel.name.value)) {
      // A fragment cycle is validation's to report; it is followed once here.
      const fragment = ctx.getFragment(sel.name.value);
      if (fragment)
        out.push(
          ...fieldsOn(
            fragment.selectionSet,
            fragment.typeCondition.name.value,
            ctx,
            new Set([...seen, sel.name.value]),
          ),
        );
    }
  }
  return out;
}

/**
 * A gateway reaches a hub at the hub's own root fields, or, with `_entities`, at the hub's own
 * field on an Area it found elsewhere. A reference query asking an entity for anything else
 * (an Area's partnerships, a Partnership's plans) would have this hub answer inside another hub's
 * part of the query, so it is refused as invalid before anything runs: a planner that ever
 * chose to do so gets an error, never this hub's figures in place of the other hub's.
 */
export function entityReferenceRule(hubId: string): ValidationRule {
  const allowed = (type: string | null, field: string): boolean =>
    field === '__typename' || (type !== null && (KEYS[type] === field || (type === 'Area' && field === hubId)));
  return (ctx) => ({
    OperationDefinition(op) {
      for (const root of fieldsOn(op.selectionSet, null, ctx, new Set())) {
        if (root.field.name.value !== '_entities' || !root.field.selectionSet) continue;
        for (const { type, field } of fieldsOn(root.field.selectionSet, null, ctx, new Set())) {
          if (allowed(type, field.name.value)) continue;
          ctx.reportError(
            new GraphQLError(
              `This hub (${hubId}) answers a record named by another hub only for its key and its own field on Area (${hubId}), not ${type ?? '_Entity'}.${field.name.value}.`,
              { nodes: [field] },
            ),
          );
        }
      }
    },
  });
}

type FieldResolver = GraphQLFieldResolver<unknown, HubContext>;
type ResolverMap = Record<string, Record<string, FieldResolver | object>>;

interface ObservationsArgs extends PageArgs {
  measure?: string | null;
  from?: string | null;
  to?: string | null;
}

/** The root type's own resolvers, called as the view's fields: same arguments, context and info. */
function viewResolvers(root: Record<string, FieldResolver | object> | undefined): Record<string, FieldResolver> {
  const out: Record<string, FieldResolver> = {};
  for (const [name, resolver] of Object.entries(root ?? {})) {
    if (typeof resolver !== 'function') continue;
    const resolve = resolver as FieldResolver;
    // type-graphql's root resolvers read only their arguments, never the parent value.
    out[name] = (_view, args, ctx, info) => resolve(undefined, args, ctx, info);
  }
  return out;
}

function hubResolvers(hubId: string, base: ResolverMap): ResolverMap {
  return {
    Query: { [hubId]: () => ({ hub: hubId }) },
    HubView: viewResolvers(base.Query),
    ...(base.Mutation
      ? { Mutation: { [hubId]: () => ({ hub: hubId }) }, HubMutation: viewResolvers(base.Mutation) }
      : {}),
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
  const extra = hubResolvers(hubId, base);
  const resolvers: ResolverMap = { ...base };
  for (const [type, fields] of Object.entries(extra)) resolvers[type] = { ...(resolvers[type] ?? {}), ...fields };
  const typeDefs: DocumentNode = parse(subgraphTypeDefs(schema, hubId));
  return buildSubgraphSchema({ typeDefs, resolvers: resolvers as never });
}
