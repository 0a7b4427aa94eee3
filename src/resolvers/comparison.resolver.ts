import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import type { HubContext } from '../graphql/context';
import { Comparison, COMPARISON_METHOD } from '../graphql/types/comparison.types';

@Resolver()
export class ComparisonResolver {
  @Query(() => Comparison, {
    nullable: true,
    description: `A measure for one period (any form: 2023-03, 2023-Q1, 2022/23, 2023) for a district or a partnership, against its parent areas (county, police force area, fire and rescue authority, England, where figures exist) and every other partnership. ${COMPARISON_METHOD}`,
  })
  async comparison(
    @Arg('measure') measure: string,
    @Arg('period') period: string,
    @Arg('area', () => String, { nullable: true }) area: string | null,
    @Arg('partnership', () => String, { nullable: true }) partnership: string | null,
    @Ctx() ctx: HubContext,
  ): Promise<Comparison> {
    return ctx.services.comparisons.compare({ measure, period, area, partnership }, await ctx.visibility());
  }
}
