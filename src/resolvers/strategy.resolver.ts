import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { FieldDecision, Strategy, StrategyDate } from '../entities';
import type { HubContext } from '../graphql/context';
import { DECISIONS, decisionsOf } from './decisions';

@Resolver(() => Strategy)
export class StrategyResolver {
  @FieldResolver(() => [StrategyDate], { description: 'What happened to it and when, in the order the plan says.' })
  dates(@Root() s: Strategy, @Ctx() ctx: HubContext): Promise<StrategyDate[]> {
    return ctx.loaders.datesByStrategy.load(s.id);
  }

  @FieldResolver(() => Strategy, { nullable: true, description: 'The strategy this one supports, if the plan says.' })
  parent(@Root() s: Strategy, @Ctx() ctx: HubContext): Promise<Strategy | null> | null {
    return s.parentId ? ctx.loaders.strategy.load(s.parentId) : null;
  }

  @FieldResolver(() => [FieldDecision], DECISIONS)
  decisions(@Root() s: Strategy, @Ctx() ctx: HubContext): Promise<FieldDecision[]> {
    return decisionsOf(ctx, 'STRATEGY', s.id);
  }
}
