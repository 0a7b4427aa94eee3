import { Ctx, Field, ObjectType, Query, Resolver } from 'type-graphql';
import { Organisation } from '../entities';
import { must, type HubContext } from '../graphql/context';

@ObjectType({ description: "Who the request's API key belongs to." })
export class Viewer {
  @Field(() => Organisation) organisation!: Organisation;
  @Field({ description: "The key's prefix (never the key)." }) keyPrefix!: string;
}

@Resolver()
export class ViewerResolver {
  @Query(() => Viewer, {
    nullable: true,
    description:
      'The organisation of the API key sent (Authorization: Bearer <key>, or x-api-key), or null without one.',
  })
  async viewer(@Ctx() ctx: HubContext): Promise<Viewer | null> {
    if (!ctx.principal) return null;
    const organisation = must(await ctx.loaders.organisation.load(ctx.principal.organisationId), 'key organisation');
    return { organisation, keyPrefix: ctx.principal.keyPrefix };
  }
}
