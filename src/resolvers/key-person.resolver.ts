import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { FieldDecision, KeyPerson, Organisation } from '../entities';
import type { HubContext } from '../graphql/context';
import { DECISIONS, decisionsOf } from './decisions';

@Resolver(() => KeyPerson)
export class KeyPersonResolver {
  @FieldResolver(() => Organisation, { nullable: true, description: 'The organisation they belong to, if known.' })
  organisation(@Root() k: KeyPerson, @Ctx() ctx: HubContext): Promise<Organisation | null> | null {
    return k.organisationId ? ctx.loaders.organisation.load(k.organisationId) : null;
  }

  @FieldResolver(() => [FieldDecision], DECISIONS)
  decisions(@Root() k: KeyPerson, @Ctx() ctx: HubContext): Promise<FieldDecision[]> {
    return decisionsOf(ctx, 'KEY_PERSON', k.id);
  }
}
