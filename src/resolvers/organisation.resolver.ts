import { Arg, Args, Ctx, FieldResolver, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { FieldDecision, Membership, Organisation } from '../entities';
import { DECISIONS, decisionsOf } from './decisions';
import { Connection, PageArgs, pageWindow, type ConnectionShape } from '../graphql/connection';
import type { HubContext } from '../graphql/context';

@ObjectType('OrganisationConnection')
export class OrganisationConnection extends Connection(Organisation, 'Organisation') {}

@Resolver(() => Organisation)
export class OrganisationResolver {
  @Query(() => OrganisationConnection, { description: 'Every organisation, by name.' })
  organisations(@Args() args: PageArgs, @Ctx() ctx: HubContext): Promise<ConnectionShape<Organisation>> {
    return ctx.services.catalogue.organisations(pageWindow(args, ctx.settings.maxPageSize));
  }

  @Query(() => Organisation, {
    nullable: true,
    description: 'One organisation by id; null with a NOT_FOUND error if there is none.',
  })
  organisation(@Arg('id') id: string, @Ctx() ctx: HubContext): Promise<Organisation> {
    return ctx.services.catalogue.organisation(id);
  }

  @FieldResolver(() => [Membership], { description: 'Its places in partnerships and their groups.' })
  memberships(@Root() o: Organisation, @Ctx() ctx: HubContext): Promise<Membership[]> {
    return ctx.loaders.membershipsByOrganisation.load(o.id);
  }

  @FieldResolver(() => [FieldDecision], DECISIONS)
  decisions(@Root() o: Organisation, @Ctx() ctx: HubContext): Promise<FieldDecision[]> {
    return decisionsOf(ctx, 'ORGANISATION', o.id);
  }
}
