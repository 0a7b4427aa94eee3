import { ArgsType, Field } from 'type-graphql';
import { PageArgs } from '../graphql/connection';

@ArgsType()
class PeriodRangeArgs extends PageArgs {
  @Field(() => String, {
    nullable: true,
    description: 'Only periods starting on or after the start of this period (e.g. 2021-04, 2021/22).',
  })
  from?: string | null;

  @Field(() => String, { nullable: true, description: 'Only periods ending on or before the end of this period.' })
  to?: string | null;
}

@ArgsType()
export class ObservationArgs extends PeriodRangeArgs {
  @Field(() => String, { nullable: true, description: 'Only this measure (code).' })
  measure?: string | null;
}

@ArgsType()
export class MeasureObservationArgs extends PeriodRangeArgs {
  @Field(() => String, { nullable: true, description: 'Only this area (GSS code).' })
  area?: string | null;
}

@ArgsType()
export class PartnershipObservationArgs extends ObservationArgs {
  @Field(() => String, { nullable: true, description: 'Only this district of the partnership (GSS code).' })
  area?: string | null;
}
