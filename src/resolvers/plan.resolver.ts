import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import {
  Action,
  FieldDecision,
  KeyPerson,
  Partnership,
  Plan,
  PlanSection,
  Priority,
  SourceDocument,
  Strategy,
  TrendStatement,
} from '../entities';
import { DECISIONS, decisionsOf } from './decisions';
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

  @FieldResolver(() => [FieldDecision], DECISIONS)
  decisions(@Root() plan: Plan, @Ctx() ctx: HubContext): Promise<FieldDecision[]> {
    return decisionsOf(ctx, 'PLAN', plan.id);
  }

  @FieldResolver(() => [KeyPerson], {
    description:
      'People the plan names for the plan as a whole (signatories, commanders); those of a priority are on the priority.',
  })
  keyPeople(@Root() plan: Plan, @Ctx() ctx: HubContext): Promise<KeyPerson[]> {
    return ctx.loaders.keyPeopleByPlan.load(plan.id);
  }

  @FieldResolver(() => [PlanSection], {
    description: 'Context the plan gives outside its priorities, in its own words.',
  })
  sections(@Root() plan: Plan, @Ctx() ctx: HubContext): Promise<PlanSection[]> {
    return ctx.loaders.sectionsByPlan.load(plan.id);
  }

  @FieldResolver(() => [Strategy], { description: 'Other strategies and plans it names, with their dates.' })
  strategies(@Root() plan: Plan, @Ctx() ctx: HubContext): Promise<Strategy[]> {
    return ctx.loaders.strategiesByPlan.load(plan.id);
  }

  @FieldResolver(() => [TrendStatement], { description: 'Trends it states, each over the period it covers.' })
  trends(@Root() plan: Plan, @Ctx() ctx: HubContext): Promise<TrendStatement[]> {
    return ctx.loaders.trendsByPlan.load(plan.id);
  }
}
