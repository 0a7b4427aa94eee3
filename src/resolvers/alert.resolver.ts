import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { Alert, Measure, Partnership, Priority } from '../entities';
import { must, type HubContext } from '../graphql/context';

@Resolver(() => Alert)
export class AlertResolver {
  @Query(() => [Alert], {
    description:
      "Special-cause signals (PLAN rules) on measures linked to the priorities of a partnership's current plan, charted for the partnership, newest first: each recorded once, after the ingest that revealed it, and only from charts past trial limits (12 points or more). Only ACTIVE alerts unless includeRetracted.",
  })
  async alerts(
    @Arg('partnership') partnership: string,
    @Arg('since', () => Date, { nullable: true, description: 'Only alerts detected at or after this time.' })
    since: Date | null,
    @Arg('includeRetracted', {
      defaultValue: false,
      description: 'Also alerts a later change of figures retracted (state RETRACTED, with the reason).',
    })
    includeRetracted: boolean,
    @Ctx() ctx: HubContext,
  ): Promise<Alert[]> {
    const [graph, viewer] = await Promise.all([ctx.planGraph(), ctx.visibility()]);
    ctx.services.partnerships.bySlug(partnership, graph, 'partnership');
    return ctx.services.alerts.list(partnership, since, viewer, graph.measures, includeRetracted);
  }

  @FieldResolver(() => Partnership)
  async partnership(@Root() a: Alert, @Ctx() ctx: HubContext): Promise<Partnership> {
    return must(await ctx.loaders.partnership.load(a.partnershipSlug), `alert ${a.id} partnership`);
  }

  @FieldResolver(() => Priority)
  async priority(@Root() a: Alert, @Ctx() ctx: HubContext): Promise<Priority> {
    return must(await ctx.loaders.priority.load(a.priorityId), `alert ${a.id} priority`);
  }

  @FieldResolver(() => Measure)
  async measure(@Root() a: Alert, @Ctx() ctx: HubContext): Promise<Measure> {
    return must(await ctx.loaders.measure.load(a.measureCode), `alert ${a.id} measure`);
  }
}
