import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { Dataset, FieldDecision, Measure, MeasureLink, Observation, Organisation, Theme } from '../entities';
import { DECISIONS, decisionsOf } from './decisions';
import { Connection, PageArgs, pageWindow, type ConnectionShape } from '../graphql/connection';
import type { HubContext } from '../graphql/context';
import { checkObservationFilter } from '../loaders/observation-pages.loader';
import { ObservationConnection } from './area.resolver';
import { MeasureObservationArgs } from './observation-args';

@ObjectType('MeasureConnection')
export class MeasureConnection extends Connection(Measure, 'Measure') {}

@ArgsType()
class MeasuresArgs extends PageArgs {
  @Field(() => String, {
    nullable: true,
    description: 'Theme code: measures tagged with it or linked to one of its priorities.',
  })
  theme?: string | null;

  @Field(() => String, { nullable: true, description: 'Source: police, fingertips, fire, ons, partner or quoted.' })
  source?: string | null;

  @Field(() => String, { nullable: true, description: 'Partnership slug: measures linked to its plans.' })
  partnership?: string | null;
}

@Resolver(() => Measure)
export class MeasureResolver {
  @Query(() => MeasureConnection, {
    description: 'Measures, filtered by theme, source and partnership, ordered by code.',
  })
  measures(@Args() args: MeasuresArgs, @Ctx() ctx: HubContext): Promise<ConnectionShape<Measure>> {
    return ctx.services.measures.page(
      { theme: args.theme, source: args.source, partnership: args.partnership },
      pageWindow(args, ctx.settings.maxPageSize),
    );
  }

  @Query(() => Measure, {
    nullable: true,
    description: 'One measure by code; null with a NOT_FOUND error if there is none.',
  })
  measure(@Arg('code') code: string, @Ctx() ctx: HubContext): Promise<Measure> {
    return ctx.services.measures.byCode(code);
  }

  @FieldResolver(() => Dataset, { nullable: true })
  dataset(@Root() m: Measure, @Ctx() ctx: HubContext): Promise<Dataset | null> | null {
    return m.datasetId ? ctx.loaders.dataset.load(m.datasetId) : null;
  }

  @FieldResolver(() => [Theme])
  themes(@Root() m: Measure, @Ctx() ctx: HubContext): Promise<Theme[]> {
    return ctx.loaders.themesByMeasure.load(m.code);
  }

  @FieldResolver(() => [MeasureLink], {
    description: 'Where plans use this measure: the priorities and objectives it evidences, per partnership.',
  })
  links(@Root() m: Measure, @Ctx() ctx: HubContext): Promise<MeasureLink[]> {
    return ctx.loaders.linksByMeasure.load(m.code);
  }

  @FieldResolver(() => ObservationConnection, { description: 'Figures for this measure, latest period first.' })
  observations(
    @Root() m: Measure,
    @Args() args: MeasureObservationArgs,
    @Ctx() ctx: HubContext,
  ): Promise<ConnectionShape<Observation>> {
    const filter = { area: args.area, from: args.from, to: args.to };
    checkObservationFilter(filter);
    return ctx.loaders.observationsByMeasure.load({
      owner: m.code,
      filter,
      window: pageWindow(args, ctx.settings.maxPageSize),
    });
  }

  @FieldResolver(() => Organisation, {
    nullable: true,
    description:
      "The organisation that holds the figures (ownerOrganisationId): the hub's decision, with its reason in decisions.",
  })
  owner(@Root() m: Measure, @Ctx() ctx: HubContext): Promise<Organisation | null> | null {
    return m.ownerOrganisationId ? ctx.loaders.organisation.load(m.ownerOrganisationId) : null;
  }

  @FieldResolver(() => [FieldDecision], DECISIONS)
  decisions(@Root() m: Measure, @Ctx() ctx: HubContext): Promise<FieldDecision[]> {
    return decisionsOf(ctx, 'MEASURE', m.code);
  }
}
