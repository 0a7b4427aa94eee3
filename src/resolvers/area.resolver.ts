import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, Float, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { AreaType } from '../domain/enums';
import { Area, Observation, Partnership } from '../entities';
import { Connection, PageArgs, pageWindow, type ConnectionShape } from '../graphql/connection';
import type { HubContext } from '../graphql/context';
import { checkObservationFilter } from '../loaders/observation-pages.loader';
import { ObservationArgs } from './observation-args';

@ObjectType('AreaConnection')
export class AreaConnection extends Connection(Area, 'Area') {}

@ObjectType('ObservationConnection')
export class ObservationConnection extends Connection(Observation, 'Observation') {}

@ObjectType({ description: 'A population figure (ONS mid-year estimate).' })
export class PopulationFigure {
  @Field()
  period!: string;

  @Field(() => Float, { nullable: true })
  value!: number | null;
}

@ArgsType()
class AreasArgs extends PageArgs {
  @Field(() => AreaType, { nullable: true })
  type?: AreaType | null;

  @Field(() => String, { nullable: true, description: 'Only areas directly under this parent (GSS code).' })
  parent?: string | null;
}

@Resolver(() => Area)
export class AreaResolver {
  @Query(() => Area, {
    nullable: true,
    description: 'One area by GSS code; null with NOT_FOUND if unknown, BAD_USER_INPUT if not a GSS code.',
  })
  area(@Arg('code') code: string, @Ctx() ctx: HubContext): Promise<Area> {
    return ctx.services.areas.byCode(code);
  }

  @Query(() => AreaConnection, { description: 'Areas by type and parent, ordered by code.' })
  areas(@Args() args: AreasArgs, @Ctx() ctx: HubContext): Promise<ConnectionShape<Area>> {
    return ctx.services.areas.page(
      { type: args.type, parent: args.parent },
      pageWindow(args, ctx.settings.maxPageSize),
    );
  }

  @FieldResolver(() => [Area], {
    description: 'Areas this one sits in: county, police force area, fire and rescue authority, region...',
  })
  parents(@Root() a: Area, @Ctx() ctx: HubContext): Promise<Area[]> {
    return ctx.loaders.parentsOfArea.load(a.code);
  }

  @FieldResolver(() => [Area], { description: 'Areas directly inside this one.' })
  children(@Root() a: Area, @Ctx() ctx: HubContext): Promise<Area[]> {
    return ctx.loaders.childrenOfArea.load(a.code);
  }

  @FieldResolver(() => [Partnership], { description: 'Partnerships covering this area or an area it sits in.' })
  partnerships(@Root() a: Area, @Ctx() ctx: HubContext): Promise<Partnership[]> {
    return ctx.loaders.partnershipsByArea.load(a.code);
  }

  @FieldResolver(() => PopulationFigure, {
    nullable: true,
    description: 'The latest ONS mid-year population estimate, if loaded.',
  })
  population(@Root() a: Area, @Ctx() ctx: HubContext): Promise<PopulationFigure | null> {
    return ctx.loaders.latestPopulation.load(a.code);
  }

  @FieldResolver(() => ObservationConnection, { description: 'Figures for this area, latest period first.' })
  observations(
    @Root() a: Area,
    @Args() args: ObservationArgs,
    @Ctx() ctx: HubContext,
  ): Promise<ConnectionShape<Observation>> {
    const filter = { measure: args.measure, from: args.from, to: args.to };
    checkObservationFilter(filter);
    return ctx.loaders.observationsByArea.load({
      owner: a.code,
      filter,
      window: pageWindow(args, ctx.settings.maxPageSize),
    });
  }
}
