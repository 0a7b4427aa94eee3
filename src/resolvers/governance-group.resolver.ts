import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { FieldDecision, GovernanceGroup, MeetingReport, Membership, Partnership, Priority } from '../entities';
import { DECISIONS, decisionsOf } from './decisions';
import { must, type HubContext } from '../graphql/context';

@Resolver(() => GovernanceGroup)
export class GovernanceGroupResolver {
  @FieldResolver(() => Partnership)
  async partnership(@Root() g: GovernanceGroup, @Ctx() ctx: HubContext): Promise<Partnership> {
    return must(await ctx.loaders.partnership.load(g.partnershipSlug), `group ${g.id} partnership`);
  }

  @FieldResolver(() => GovernanceGroup, { nullable: true, description: 'The group this one reports to.' })
  parent(@Root() g: GovernanceGroup, @Ctx() ctx: HubContext): Promise<GovernanceGroup | null> | null {
    return g.parentId ? ctx.loaders.group.load(g.parentId) : null;
  }

  @FieldResolver(() => [Membership])
  members(@Root() g: GovernanceGroup, @Ctx() ctx: HubContext): Promise<Membership[]> {
    return ctx.loaders.membershipsByGroup.load(g.id);
  }

  @FieldResolver(() => [MeetingReport])
  meetingReports(@Root() g: GovernanceGroup, @Ctx() ctx: HubContext): Promise<MeetingReport[]> {
    return ctx.loaders.meetingsByGroup.load(g.id);
  }

  @FieldResolver(() => [Priority], { description: 'Priorities this group plans for.' })
  priorities(@Root() g: GovernanceGroup, @Ctx() ctx: HubContext): Promise<Priority[]> {
    return ctx.loaders.prioritiesByGroup.load(g.id);
  }

  @FieldResolver(() => [FieldDecision], DECISIONS)
  decisions(@Root() g: GovernanceGroup, @Ctx() ctx: HubContext): Promise<FieldDecision[]> {
    return decisionsOf(ctx, 'GROUP', g.id);
  }

  @FieldResolver(() => GovernanceGroup, {
    nullable: true,
    description: 'A group this one sits alongside (not under), if the document says.',
  })
  alongside(@Root() g: GovernanceGroup, @Ctx() ctx: HubContext): Promise<GovernanceGroup | null> | null {
    return g.alongsideId ? ctx.loaders.group.load(g.alongsideId) : null;
  }
}
