import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import {
  Action,
  FieldDecision,
  GovernanceGroup,
  KeyPerson,
  Measure,
  MeasureLink,
  Objective,
  Plan,
  Priority,
  Theme,
} from '../entities';
import { DECISIONS, decisionsOf } from './decisions';
import { must, type HubContext } from '../graphql/context';

@Resolver(() => Priority)
export class PriorityResolver {
  @FieldResolver(() => Plan)
  async plan(@Root() p: Priority, @Ctx() ctx: HubContext): Promise<Plan> {
    return must(await ctx.loaders.plan.load(p.planId), `priority ${p.id} plan`);
  }

  @FieldResolver(() => [Theme])
  themes(@Root() p: Priority, @Ctx() ctx: HubContext): Promise<Theme[]> {
    return ctx.loaders.themesByPriority.load(p.id);
  }

  @FieldResolver(() => [Objective])
  objectives(@Root() p: Priority, @Ctx() ctx: HubContext): Promise<Objective[]> {
    return ctx.loaders.objectivesByPriority.load(p.id);
  }

  @FieldResolver(() => [Measure], {
    description: 'Measures linked to the priority itself (objective-level links are under objectives).',
  })
  measures(@Root() p: Priority, @Ctx() ctx: HubContext): Promise<Measure[]> {
    return ctx.loaders.measuresByPriority.load(p.id);
  }

  @FieldResolver(() => [MeasureLink], {
    description: "The links behind `measures`: label, basis (PLAN or HUB), note, the plan's own polarity or target.",
  })
  measureLinks(@Root() p: Priority, @Ctx() ctx: HubContext): Promise<MeasureLink[]> {
    return ctx.loaders.linksByPriority.load(p.id);
  }

  @FieldResolver(() => [Action])
  actions(@Root() p: Priority, @Ctx() ctx: HubContext): Promise<Action[]> {
    return ctx.loaders.actionsByPriority.load(p.id);
  }

  @FieldResolver(() => [KeyPerson])
  keyPersonnel(@Root() p: Priority, @Ctx() ctx: HubContext): Promise<KeyPerson[]> {
    return ctx.loaders.keyPeopleByPriority.load(p.id);
  }

  @FieldResolver(() => [GovernanceGroup], {
    description: 'The strategic planning groups the plan names for this priority.',
  })
  planningGroups(@Root() p: Priority, @Ctx() ctx: HubContext): Promise<GovernanceGroup[]> {
    return ctx.loaders.planningGroupsByPriority.load(p.id);
  }

  @FieldResolver(() => String, { description: "The source document (file name), the plan's." })
  async sourceDocument(@Root() p: Priority, @Ctx() ctx: HubContext): Promise<string> {
    return must(await ctx.loaders.plan.load(p.planId), `priority ${p.id} plan`).sourceDocument;
  }

  @FieldResolver(() => [FieldDecision], DECISIONS)
  decisions(@Root() p: Priority, @Ctx() ctx: HubContext): Promise<FieldDecision[]> {
    return decisionsOf(ctx, 'PRIORITY', p.id);
  }
}
