import { Arg, Ctx, Field, Float, ID, InputType, Int, Mutation, ObjectType, Resolver } from 'type-graphql';
import type { HubContext } from '../graphql/context';

@InputType({ description: 'One figure a partner submits.' })
export class ObservationSubmission {
  @Field({ description: "Measure code; the key's organisation must own it." }) measure!: string;
  @Field({ description: 'GSS code of a district (or an LSOA in one) of a partnership the organisation belongs to.' })
  area!: string;
  @Field({ description: '2022-02, 2022-Q1, 2021/22 or 2022.' }) period!: string;
  @Field(() => Float, { nullable: true, description: 'Null only when suppressed.' }) value?: number | null;
  @Field({ nullable: true, defaultValue: false, description: 'The value is withheld (e.g. a count under 5).' })
  suppressed?: boolean;
  @Field(() => Float, { nullable: true }) numerator?: number | null;
  @Field(() => Float, { nullable: true }) denominator?: number | null;
  @Field(() => String, { nullable: true }) note?: string | null;
}

@ObjectType({
  description: 'What a submission wrote. It is recorded as an ingest run naming the organisation and key.',
})
export class SubmissionResult {
  @Field(() => ID) runId!: number;
  @Field(() => Int) rows!: number;
  @Field(() => Int) inserted!: number;
  @Field(() => Int, { description: 'Figures that changed; their earlier values are kept as revisions.' })
  updated!: number;
  @Field(() => Int) unchanged!: number;
}

@InputType({ description: 'One figure, by measure, area and period.' })
export class FigureKeyInput {
  @Field() measure!: string;
  @Field({ description: 'GSS code of the area.' }) area!: string;
  @Field({ description: '2022-02, 2022-Q1, 2021/22 or 2022.' }) period!: string;
}

@ObjectType({ description: 'What a withdrawal did. It is recorded as an ingest run naming the organisation and key.' })
export class WithdrawalResult {
  @Field(() => ID) runId!: number;
  @Field(() => Int, {
    description:
      "Figures that showed the organisation's value. Each now shows another source's latest value (fellBack) or none.",
  })
  withdrawn!: number;
  @Field(() => Int, { description: "Of those, figures now showing another source's latest value." })
  fellBack!: number;
  @Field(() => Int, {
    description: "Figures where another source's later value was shown: the organisation's value is dropped from them.",
  })
  dropped!: number;
}

@Resolver()
export class SubmissionResolver {
  @Mutation(() => SubmissionResult, {
    description:
      "Submit your organisation's own figures with its API key. The whole submission is checked first; any bad row (unknown measure or area, bad period, negative count, duplicate) refuses it all with BAD_USER_INPUT and extensions.rows, a row not yours to submit with FORBIDDEN; nothing is then written.",
  })
  submitObservations(
    @Arg('observations', () => [ObservationSubmission]) observations: ObservationSubmission[],
    @Ctx() ctx: HubContext,
  ): Promise<SubmissionResult> {
    const rows = observations.map((o, i) => ({
      row: i + 1,
      measureCode: o.measure,
      areaCode: o.area,
      period: o.period,
      value: o.value ?? null,
      suppressed: o.suppressed ?? false,
      numerator: o.numerator ?? null,
      denominator: o.denominator ?? null,
      note: o.note ?? null,
    }));
    return ctx.services.submissions.submit(ctx.principal, rows, 'submission: GraphQL');
  }

  @Mutation(() => WithdrawalResult, {
    description:
      "Withdraw figures your organisation submitted, with its API key. Each withdrawn value stays as a WITHDRAWN revision; the figure falls back to another source's latest value, or is no longer served, and alerts it no longer supports are retracted. A figure with no value submitted by your organisation refuses the whole withdrawal with NOT_FOUND and extensions.rows; nothing is then written.",
  })
  withdrawObservations(
    @Arg('figures', () => [FigureKeyInput]) figures: FigureKeyInput[],
    @Ctx() ctx: HubContext,
  ): Promise<WithdrawalResult> {
    return ctx.services.submissions.withdraw(
      ctx.principal,
      figures.map((f) => ({ measureCode: f.measure, areaCode: f.area, period: f.period })),
    );
  }
}
