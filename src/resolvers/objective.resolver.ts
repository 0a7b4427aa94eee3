import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { FieldDecision, Measure, MeasureLink, Objective, Priority } from '../entities';
import { DECISIONS, decisionsOf } from './decisions';
import { must, type HubContext } from '../graphql/context';

@Resolver(() => Objective)
export class ObjectiveResolver {
  @FieldResolver(() => Priority)
  async priority(@Root() o: Objective, @Ctx() ctx: HubContext): Promise<Priority> {
    return must(await ctx.loaders.priority.load(o.priorityId), `objective ${o.id} priority`);
  }

  @FieldResolver(() => [Measure])
  measures(@Root() o: Objective, @Ctx() ctx: HubContext): Promise<Measure[]> {
    return ctx.loaders.measuresByObjective.load(o.id);
  }

  @FieldResolver(() => [MeasureLink])
  measureLinks(@Root() o: Objective, @Ctx() ctx: HubContext): Promise<MeasureLink[]> {
    return ctx.loaders.linksByObjective.load(o.id);
  }

  @FieldResolver(() => [FieldDecision], DECISIONS)
  decisions(@Root() o: Objective, @Ctx() ctx: HubContext): Promise<FieldDecision[]> {
    return decisionsOf(ctx, 'OBJECTIVE', o.id);
  }
}
