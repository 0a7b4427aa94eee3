import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { FieldDecision, Plan, PlanSection, Theme } from '../entities';
import { must, type HubContext } from '../graphql/context';
import { DECISIONS, decisionsOf } from './decisions';

@Resolver(() => PlanSection)
export class PlanSectionResolver {
  @FieldResolver(() => Plan)
  async plan(@Root() s: PlanSection, @Ctx() ctx: HubContext): Promise<Plan> {
    return must(await ctx.loaders.plan.load(s.planId), `section ${s.id} plan`);
  }

  @FieldResolver(() => [Theme], { description: 'The themes the section is about.' })
  themes(@Root() s: PlanSection, @Ctx() ctx: HubContext): Promise<Theme[]> {
    return ctx.loaders.themesBySection.load(s.id);
  }

  @FieldResolver(() => [FieldDecision], DECISIONS)
  decisions(@Root() s: PlanSection, @Ctx() ctx: HubContext): Promise<FieldDecision[]> {
    return decisionsOf(ctx, 'SECTION', s.id);
  }
}
