import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Action, Partnership, Plan, Priority, SourceDocument } from '../entities';
import { must, type HubContext } from '../graphql/context';

@Resolver(() => Plan)
export class PlanResolver {
  @FieldResolver(() => Partnership)
  async partnership(@Root() plan: Plan, @Ctx() ctx: HubContext): Promise<Partnership> {
    return must(await ctx.loaders.partnership.load(plan.partnershipSlug), `plan ${plan.id} partnership`);
  }

  @FieldResolver(() => [Priority])
  priorities(@Root() plan: Plan, @Ctx() ctx: HubContext): Promise<Priority[]> {
    return ctx.loaders.prioritiesByPlan.load(plan.id);
  }

  @FieldResolver(() => [Action], { description: 'Every action of the plan, priority by priority.' })
  actions(@Root() plan: Plan, @Ctx() ctx: HubContext): Promise<Action[]> {
    return ctx.loaders.actionsByPlan.load(plan.id);
  }

  @FieldResolver(() => SourceDocument, {
    nullable: true,
    description: 'The source document, with its title and publisher.',
  })
  document(@Root() plan: Plan, @Ctx() ctx: HubContext): Promise<SourceDocument | null> {
    return ctx.loaders.document.load(plan.sourceDocument);
  }
}
