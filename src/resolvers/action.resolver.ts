import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { isOverdue } from '../domain/action-tally';
import { todayIso } from '../domain/today';
import { Action, FieldDecision, Organisation, Plan, Priority } from '../entities';
import { DECISIONS, decisionsOf } from './decisions';
import { must, type HubContext } from '../graphql/context';

@Resolver(() => Action)
export class ActionResolver {
  @FieldResolver(() => Plan)
  async plan(@Root() a: Action, @Ctx() ctx: HubContext): Promise<Plan> {
    return must(await ctx.loaders.plan.load(a.planId), `action ${a.id} plan`);
  }

  @FieldResolver(() => Priority)
  async priority(@Root() a: Action, @Ctx() ctx: HubContext): Promise<Priority> {
    return must(await ctx.loaders.priority.load(a.priorityId), `action ${a.id} priority`);
  }

  @FieldResolver(() => Organisation, { nullable: true, description: 'The lead organisation, where the lead is one.' })
  leadOrganisation(@Root() a: Action, @Ctx() ctx: HubContext): Promise<Organisation | null> | null {
    return a.leadOrganisationId ? ctx.loaders.organisation.load(a.leadOrganisationId) : null;
  }

  @FieldResolver(() => Boolean, { description: 'Due before today and neither DONE nor DROPPED.' })
  overdue(@Root() a: Action): boolean {
    return isOverdue(a, todayIso());
  }

  @FieldResolver(() => [FieldDecision], DECISIONS)
  decisions(@Root() a: Action, @Ctx() ctx: HubContext): Promise<FieldDecision[]> {
    return decisionsOf(ctx, 'ACTION', a.id);
  }
}
