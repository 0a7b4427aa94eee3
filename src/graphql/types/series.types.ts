import { Field, Float, Int, ObjectType } from 'type-graphql';
import { Frequency } from '../../domain/enums';
import { Area, Measure, Partnership } from '../../entities';
import { SpcChartResult } from './spc.types';

@ObjectType({ description: 'One period of a series.' })
export class SeriesPoint {
  @Field() period!: string;
  @Field(() => Float, { nullable: true }) value!: number | null;
  @Field(() => Float, { nullable: true, description: 'For a rate: the summed numerator behind it.' }) numerator!:
    number | null;
  @Field(() => Float, {
    nullable: true,
    description: 'For a rate: the summed denominator; for a count: the population the rate is per.',
  })
  denominator!: number | null;
  @Field(() => Float, {
    nullable: true,
    description:
      'For a count: per 1,000 population (ONS mid-year estimate of the year the period starts in, or the latest before it). For a rate or percentage: the value itself.',
  })
  rate!: number | null;
}

@ObjectType({ description: 'A period with no figure, or an incomplete one, and why. Gaps are reported, never filled.' })
export class SeriesGap {
  @Field() period!: string;
  @Field() reason!: string;
}

@ObjectType({
  description: 'A measure over time for an area or a partnership, rolled up to a frequency, with its SPC chart.',
})
export class Series {
  @Field(() => Measure) measure!: Measure;
  @Field(() => Area, { nullable: true }) area!: Area | null;
  @Field(() => Partnership, { nullable: true }) partnership!: Partnership | null;
  @Field(() => Frequency) frequency!: Frequency;
  @Field(() => [SeriesPoint]) points!: SeriesPoint[];
  @Field(() => [SeriesGap]) gaps!: SeriesGap[];
  @Field(() => Int, {
    description:
      'Index of the first point the SPC chart covers: the points after the last gap (a chart needs an unbroken series).',
  })
  spcStart!: number;
  @Field(() => SpcChartResult, {
    description: "XmR chart of the values from spcStart on, judged by the measure's polarity (PLAN rules).",
  })
  spc!: SpcChartResult;
}
