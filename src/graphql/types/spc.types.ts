import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';

export enum SpcRuleSet {
  PLAN = 'PLAN',
  MAKING_DATA_COUNT = 'MAKING_DATA_COUNT',
}
export enum SpcRule {
  OUTSIDE_LIMITS = 'OUTSIDE_LIMITS',
  TREND = 'TREND',
  RUN = 'RUN',
  ALTERNATING = 'ALTERNATING',
  CLOSE_TO_LIMIT = 'CLOSE_TO_LIMIT',
}
export enum SignalDirection {
  HIGH = 'HIGH',
  LOW = 'LOW',
}
export enum Variation {
  IMPROVEMENT = 'IMPROVEMENT',
  CONCERN = 'CONCERN',
  COMMON_CAUSE = 'COMMON_CAUSE',
  NO_JUDGEMENT = 'NO_JUDGEMENT',
  INSUFFICIENT_DATA = 'INSUFFICIENT_DATA',
}

registerEnumType(SpcRuleSet, {
  name: 'SpcRuleSet',
  description:
    "PLAN: the five signals of the Portsmouth plan (trend 6, run 8, 14 alternating, 3 in succession beyond two sigma). MAKING_DATA_COUNT: NHS England's (trend 7, run 7, 2 of 3 beyond two sigma, no alternation).",
});
registerEnumType(SpcRule, { name: 'SpcRule' });
registerEnumType(SignalDirection, {
  name: 'SignalDirection',
  description: 'HIGH: above the centre line or rising. LOW: below or falling.',
});
registerEnumType(Variation, {
  name: 'Variation',
  description:
    "The last point's meaning: IMPROVEMENT or CONCERN (a special-cause signal, judged by the measure's polarity), NO_JUDGEMENT (a signal on a measure with no polarity), COMMON_CAUSE (no signal), INSUFFICIENT_DATA (fewer than 2 points: no limits).",
});

@ObjectType({
  description: 'A stretch of the series with its own centre line and limits (split where the series is rebased).',
})
export class SpcSegment {
  @Field(() => Int) start!: number;
  @Field(() => Int) end!: number;
  @Field(() => Int, { description: 'Points the centre line and limits were computed from.' }) baselinePoints!: number;
  @Field({ description: 'Fewer than 12 baseline points: trial limits.' }) trial!: boolean;
  @Field(() => Float) mean!: number;
  @Field(() => Float, { nullable: true, description: 'Mean moving range.' }) mrBar!: number | null;
  @Field(() => Float, { nullable: true, description: 'mean + 2.66 x mrBar.' }) ucl!: number | null;
  @Field(() => Float, { nullable: true, description: 'mean - 2.66 x mrBar (not clamped at zero).' }) lcl!:
    number | null;
  @Field(() => Float, { nullable: true }) upperTwoSigma!: number | null;
  @Field(() => Float, { nullable: true }) lowerTwoSigma!: number | null;
}

@ObjectType({ description: 'The points one rule flags, in one direction.' })
export class SpcSignal {
  @Field(() => SpcRule) rule!: SpcRule;
  @Field(() => SignalDirection, { nullable: true, description: 'Null for alternation.' })
  direction!: SignalDirection | null;
  @Field(() => [Int], { description: '0-based positions in the series.' }) indices!: number[];
}

@ObjectType({
  description:
    "An XmR chart: limits and signals as docs/spc.md describes them. Top-level figures are the last segment's.",
})
export class SpcChartResult {
  @Field(() => Float, { nullable: true }) mean!: number | null;
  @Field(() => Float, { nullable: true }) mrBar!: number | null;
  @Field(() => Float, { nullable: true }) ucl!: number | null;
  @Field(() => Float, { nullable: true }) lcl!: number | null;
  @Field(() => [SpcSegment]) segments!: SpcSegment[];
  @Field(() => [SpcSignal]) signals!: SpcSignal[];
  @Field(() => Variation) variation!: Variation;
  @Field(() => [Variation], {
    description:
      "Each point's meaning, by the signal that decides it (outside limits, then trend, close to limit, run): IMPROVEMENT, CONCERN, NO_JUDGEMENT or COMMON_CAUSE.",
  })
  pointVariation!: Variation[];
}
