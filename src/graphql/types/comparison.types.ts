import { Field, Float, ObjectType, registerEnumType } from 'type-graphql';
import { Frequency } from '../../domain/enums';
import { Area, Measure, Partnership } from '../../entities';

export enum ComparatorKind {
  SUBJECT = 'SUBJECT',
  PARENT = 'PARENT',
  PARTNERSHIP = 'PARTNERSHIP',
}
export enum Significance {
  HIGHER = 'HIGHER',
  LOWER = 'LOWER',
  SIMILAR = 'SIMILAR',
  NOT_COMPARED = 'NOT_COMPARED',
}
registerEnumType(ComparatorKind, { name: 'ComparatorKind' });
registerEnumType(Significance, {
  name: 'Significance',
  description:
    'HIGHER or LOWER when the two 95% confidence intervals do not overlap, SIMILAR when they do, NOT_COMPARED when either has no interval.',
});

export const COMPARISON_METHOD =
  "Counts: crude rate per 1,000 population (ONS mid-year estimate for the year the period starts in, or the latest before it) with a 95% confidence interval by Byar's method. " +
  'Proportions with a numerator and denominator: Wilson score interval. Published rates: their published interval. ' +
  'A parent area with no figure of its own is the sum of its districts when every one has a figure. Partnerships are the sum of their districts. ' +
  'Significance: HIGHER or LOWER when the intervals do not overlap, else SIMILAR.';

@ObjectType({ description: 'One area or partnership in a comparison.' })
export class ComparisonRow {
  @Field(() => ComparatorKind) kind!: ComparatorKind;
  @Field() label!: string;
  @Field(() => Area, { nullable: true }) area!: Area | null;
  @Field(() => Partnership, { nullable: true }) partnership!: Partnership | null;
  @Field(() => Float, { nullable: true }) value!: number | null;
  @Field(() => Float, { nullable: true, description: 'Population the rate is per (counts).' }) population!:
    number | null;
  @Field(() => Float, {
    nullable: true,
    description: 'Per 1,000 population for a count; the value for a rate or percentage.',
  })
  rate!: number | null;
  @Field(() => Float, { nullable: true }) lowerCi!: number | null;
  @Field(() => Float, { nullable: true }) upperCi!: number | null;
  @Field(() => Significance, {
    description: "How the subject compares with this row (the subject's own row: NOT_COMPARED).",
  })
  subjectIs!: Significance;
  @Field(() => String, { nullable: true, description: 'Why there is no figure, or how it was made.' }) note!:
    string | null;
}

@ObjectType({
  description: 'A measure for one period: a partnership or district against its parent areas and other partnerships.',
})
export class Comparison {
  @Field(() => Measure) measure!: Measure;
  @Field() period!: string;
  @Field(() => Frequency) frequency!: Frequency;
  @Field({ description: 'How rates, intervals and significance are worked out.' }) method!: string;
  @Field(() => ComparisonRow) subject!: ComparisonRow;
  @Field(() => [ComparisonRow]) comparators!: ComparisonRow[];
}
