import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { FieldDecision, SourceDocument } from '../entities';
import type { HubContext } from '../graphql/context';
import { DECISIONS, decisionsOf } from './decisions';

@Resolver(() => SourceDocument)
export class SourceDocumentResolver {
  @FieldResolver(() => [FieldDecision], DECISIONS)
  decisions(@Root() d: SourceDocument, @Ctx() ctx: HubContext): Promise<FieldDecision[]> {
    return decisionsOf(ctx, 'DOCUMENT', d.id);
  }
}
