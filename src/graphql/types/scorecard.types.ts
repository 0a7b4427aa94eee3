import { Field, Float, Int, ObjectType } from 'type-graphql';
import { LinkBasis, Polarity } from '../../domain/enums';
import { Measure, Plan, Priority } from '../../entities';
import { SeriesPoint } from './series.types';
import { Variation } from './spc.types';

@ObjectType({
  description:
    'A measure on a scorecard: its latest figure for the partnership, the change on a year earlier, and its SPC variation.',
})
export class ScorecardMeasure {
  @Field(() => Measure) measure!: Measure;
  @Field(() => LinkBasis, { description: 'PLAN: the plan names the measure; HUB: the hub links it.' })
  basis!: LinkBasis;
  @Field(() => Polarity, {
    description: "The polarity judged by: the plan's own for this measure if it states one, else the measure's.",
  })
  polarity!: Polarity;
  @Field(() => SeriesPoint, {
    nullable: true,
    description: "The latest period with a figure for all the partnership's districts.",
  })
  latest!: SeriesPoint | null;
  @Field(() => SeriesPoint, { nullable: true, description: 'The same period a year earlier.' })
  yearEarlier!: SeriesPoint | null;
  @Field(() => Float, {
    nullable: true,
    description: '(latest - yearEarlier) / yearEarlier x 100; null without a year-earlier figure.',
  })
  changePercent!: number | null;
  @Field(() => Variation, { description: "SPC variation of the latest point (PLAN rules) over the measure's series." })
  variation!: Variation;
  @Field(() => Int, { description: 'Points the variation was judged on.' }) points!: number;
  @Field({
    description:
      'True when the measure is RESTRICTED and this request may not see its figures: latest, yearEarlier and changePercent are null, variation INSUFFICIENT_DATA.',
  })
  withheld!: boolean;
}

@ObjectType({
  description: "The state of a priority's actions. Overdue: due before today and neither done nor dropped.",
})
export class ActionSummary {
  @Field(() => Int) total!: number;
  @Field(() => Int) done!: number;
  @Field(() => Int) overdue!: number;
  @Field(() => Int, { description: 'Neither done nor dropped, and not overdue.' }) open!: number;
}

@ObjectType()
export class ScorecardPriority {
  @Field(() => Priority) priority!: Priority;
  @Field(() => [ScorecardMeasure], { description: 'Measures linked to the priority or one of its objectives.' })
  measures!: ScorecardMeasure[];
  @Field(() => ActionSummary) actions!: ActionSummary;
}

@ObjectType({ description: "A partnership's plan as a dashboard shows it." })
export class Scorecard {
  @Field(() => Plan) plan!: Plan;
  @Field(() => [ScorecardPriority]) priorities!: ScorecardPriority[];
}
