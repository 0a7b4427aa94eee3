import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { todayIso } from '../domain/today';
import { Scorecard } from '../graphql/types/scorecard.types';
import {
  Area,
  FieldDecision,
  GovernanceGroup,
  MeetingReport,
  Membership,
  Observation,
  Partnership,
  PartnershipContact,
  Plan,
} from '../entities';
import { DECISIONS, decisionsOf } from './decisions';
import { pageWindow, type ConnectionShape } from '../graphql/connection';
import { checkObservationFilter } from '../loaders/observation-pages.loader';
import { ObservationConnection } from './area.resolver';
import { PartnershipObservationArgs } from './observation-args';
import type { HubContext } from '../graphql/context';
import { currentPlan } from '../services/partnership.service';

@Resolver(() => Partnership)
export class PartnershipResolver {
  @Query(() => [Partnership], { description: 'Every partnership, by name.' })
  partnerships(@Ctx() ctx: HubContext): Promise<Partnership[]> {
    return ctx.services.partnerships.list();
  }

  @Query(() => Partnership, {
    nullable: true,
    description: 'One partnership by slug; null with a NOT_FOUND error if there is none.',
  })
  async partnership(@Arg('slug') slug: string, @Ctx() ctx: HubContext): Promise<Partnership> {
    return ctx.services.partnerships.bySlug(slug, await ctx.planGraph());
  }

  @FieldResolver(() => [Area], { description: 'The districts the partnership covers.' })
  areas(@Root() p: Partnership, @Ctx() ctx: HubContext): Promise<Area[]> {
    return ctx.loaders.areasByPartnership.load(p.slug);
  }

  @FieldResolver(() => Area, {
    nullable: true,
    description:
      "The community safety partnership as an ONS area (E22 in England, W14 in Wales; 2017 codes): the one whose districts are exactly the partnership's. Null when none is (a partnership covering part of one, or districts of several).",
  })
  async area(@Root() p: Partnership, @Ctx() ctx: HubContext): Promise<Area | null> {
    const code = await ctx.loaders.partnershipArea.load(p.slug);
    return code === null ? null : ctx.loaders.area.load(code);
  }

  @FieldResolver(() => [Plan], { description: 'Its plans, oldest first.' })
  plans(@Root() p: Partnership, @Ctx() ctx: HubContext): Promise<Plan[]> {
    return ctx.loaders.plansByPartnership.load(p.slug);
  }

  @FieldResolver(() => Plan, {
    nullable: true,
    description: 'The plan in force today (or the most recent one that has started).',
  })
  async currentPlan(@Root() p: Partnership, @Ctx() ctx: HubContext): Promise<Plan | null> {
    return currentPlan(await ctx.loaders.plansByPartnership.load(p.slug), todayIso());
  }

  @FieldResolver(() => [GovernanceGroup], { description: 'Boards, action groups, steering groups and committees.' })
  groups(@Root() p: Partnership, @Ctx() ctx: HubContext): Promise<GovernanceGroup[]> {
    return ctx.loaders.groupsByPartnership.load(p.slug);
  }

  @FieldResolver(() => [Membership], {
    description: 'Organisations that are partners, with their role (group members are under groups).',
  })
  memberships(@Root() p: Partnership, @Ctx() ctx: HubContext): Promise<Membership[]> {
    return ctx.loaders.membershipsByPartnership.load(p.slug);
  }

  @FieldResolver(() => [MeetingReport], { description: 'Meeting reports and minutes with partner updates.' })
  meetingReports(@Root() p: Partnership, @Ctx() ctx: HubContext): Promise<MeetingReport[]> {
    return ctx.loaders.meetingsByPartnership.load(p.slug);
  }

  @FieldResolver(() => ObservationConnection, {
    description: 'Figures for the districts the partnership covers (not their LSOAs), latest period first.',
  })
  observations(
    @Root() p: Partnership,
    @Args() args: PartnershipObservationArgs,
    @Ctx() ctx: HubContext,
  ): Promise<ConnectionShape<Observation>> {
    const filter = { measure: args.measure, area: args.area, from: args.from, to: args.to };
    checkObservationFilter(filter);
    return ctx.loaders.observationsByPartnership.load({
      owner: p.slug,
      filter,
      window: pageWindow(args, ctx.settings.maxPageSize),
    });
  }

  @FieldResolver(() => Scorecard, {
    nullable: true,
    description:
      'The current plan (or the plan given) as a dashboard shows it. Its cost in SQL statements is fixed, whatever the number of measures and points.',
  })
  async scorecard(
    @Root() p: Partnership,
    @Arg('plan', () => ID, { nullable: true, description: 'A plan id; by default the plan in force today.' })
    plan: string | null,
    @Ctx() ctx: HubContext,
  ): Promise<Scorecard | null> {
    const [viewer, graph] = await Promise.all([ctx.visibility(), ctx.planGraph()]);
    return ctx.services.scorecards.scorecard(p, plan, viewer, graph);
  }

  @FieldResolver(() => [FieldDecision], DECISIONS)
  decisions(@Root() p: Partnership, @Ctx() ctx: HubContext): Promise<FieldDecision[]> {
    return decisionsOf(ctx, 'PARTNERSHIP', p.slug);
  }

  @FieldResolver(() => [PartnershipContact], { description: 'How to reach it, as its documents give it.' })
  contacts(@Root() p: Partnership, @Ctx() ctx: HubContext): Promise<PartnershipContact[]> {
    return ctx.loaders.contactsByPartnership.load(p.slug);
  }
}
