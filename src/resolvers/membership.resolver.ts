import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { FieldDecision, GovernanceGroup, Membership, Organisation, Partnership } from '../entities';
import { DECISIONS, decisionsOf } from './decisions';
import { must, type HubContext } from '../graphql/context';

@Resolver(() => Membership)
export class MembershipResolver {
  @FieldResolver(() => Organisation)
  async organisation(@Root() m: Membership, @Ctx() ctx: HubContext): Promise<Organisation> {
    return must(await ctx.loaders.organisation.load(m.organisationId), `membership ${m.id} organisation`);
  }

  @FieldResolver(() => Partnership)
  async partnership(@Root() m: Membership, @Ctx() ctx: HubContext): Promise<Partnership> {
    return must(await ctx.loaders.partnership.load(m.partnershipSlug), `membership ${m.id} partnership`);
  }

  @FieldResolver(() => GovernanceGroup, { nullable: true, description: 'The group, for a group membership.' })
  group(@Root() m: Membership, @Ctx() ctx: HubContext): Promise<GovernanceGroup | null> | null {
    return m.groupId ? ctx.loaders.group.load(m.groupId) : null;
  }

  @FieldResolver(() => [FieldDecision], DECISIONS)
  decisions(@Root() m: Membership, @Ctx() ctx: HubContext): Promise<FieldDecision[]> {
    return decisionsOf(ctx, 'MEMBERSHIP', m.id);
  }
}
