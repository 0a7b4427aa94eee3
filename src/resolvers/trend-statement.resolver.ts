import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { FieldDecision, Measure, TrendStatement } from '../entities';
import type { HubContext } from '../graphql/context';
import { DECISIONS, decisionsOf } from './decisions';

@Resolver(() => TrendStatement)
export class TrendStatementResolver {
  @FieldResolver(() => Measure, { nullable: true, description: 'The measure the change is of, if there is one.' })
  measure(@Root() t: TrendStatement, @Ctx() ctx: HubContext): Promise<Measure | null> | null {
    return t.measureCode ? ctx.loaders.measure.load(t.measureCode) : null;
  }

  @FieldResolver(() => [FieldDecision], DECISIONS)
  decisions(@Root() t: TrendStatement, @Ctx() ctx: HubContext): Promise<FieldDecision[]> {
    return decisionsOf(ctx, 'TREND', t.id);
  }
}
