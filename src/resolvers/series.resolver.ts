import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import { Frequency } from '../domain/enums';
import type { HubContext } from '../graphql/context';
import { Series } from '../graphql/types/series.types';
import { SpcRuleSet } from '../graphql/types/spc.types';

@Resolver()
export class SeriesResolver {
  @Query(() => Series, {
    nullable: true,
    description:
      'A measure over time for an area or a partnership (its districts summed), rolled up to a frequency: counts summed, rates recomputed from summed numerators and denominators. Incomplete and missing periods are listed in gaps, never filled.',
  })
  async series(
    @Arg('measure') measure: string,
    @Arg('area', () => String, { nullable: true }) area: string | null,
    @Arg('partnership', () => String, { nullable: true }) partnership: string | null,
    @Arg('from', () => String, {
      nullable: true,
      description: 'First period (any form: 2021-04, 2021-Q2, 2021/22, 2021).',
    })
    from: string | null,
    @Arg('to', () => String, { nullable: true, description: 'Last period.' }) to: string | null,
    @Arg('frequency', () => Frequency, { nullable: true, description: "Default: the measure's own." })
    frequency: Frequency | null,
    @Arg('ruleSet', () => SpcRuleSet, { nullable: true, defaultValue: SpcRuleSet.PLAN }) ruleSet: SpcRuleSet,
    @Arg('baselinePoints', () => Int, { nullable: true }) baselinePoints: number | null,
    @Arg('rebaseAt', () => [Int], { nullable: true }) rebaseAt: number[] | null,
    @Ctx() ctx: HubContext,
  ): Promise<Series> {
    return ctx.services.series.series(
      { measure, area, partnership, from, to, frequency, spc: { ruleSet, baselinePoints, rebaseAt: rebaseAt ?? [] } },
      await ctx.visibility(),
    );
  }
}
