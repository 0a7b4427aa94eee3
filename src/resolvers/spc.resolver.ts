import { Arg, Float, Int, Query, Resolver } from 'type-graphql';
import { Polarity } from '../domain/enums';
import { SpcChartResult, SpcRuleSet } from '../graphql/types/spc.types';
import { chartFor, improvementOf } from '../services/spc.service';

@Resolver()
export class SpcResolver {
  @Query(() => SpcChartResult, {
    description: 'SPC on a series you supply (at most 10,000 values), no stored data involved.',
  })
  spcChart(
    @Arg('values', () => [Float]) values: number[],
    @Arg('ruleSet', () => SpcRuleSet, { nullable: true, defaultValue: SpcRuleSet.PLAN }) ruleSet: SpcRuleSet,
    @Arg('baselinePoints', () => Int, {
      nullable: true,
      description: 'Fix the centre line and limits on the first N points of each segment (2 or more).',
    })
    baselinePoints: number | null,
    @Arg('rebaseAt', () => [Int], { nullable: true, description: 'Indices where a new segment starts.' })
    rebaseAt: number[] | null,
    @Arg('polarity', () => Polarity, {
      nullable: true,
      description: 'Which direction is better, to judge the variation; without it, signals have NO_JUDGEMENT.',
    })
    polarity: Polarity | null,
  ): SpcChartResult {
    return chartFor(values, {
      ruleSet,
      baselinePoints,
      rebaseAt: rebaseAt ?? [],
      improvement: improvementOf(polarity),
    });
  }
}
