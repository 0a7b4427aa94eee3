import { setImmediate as nextTurn } from 'node:timers/promises';
import { Arg, Ctx, Float, Int, Query, Resolver } from 'type-graphql';
import { Polarity } from '../domain/enums';
import type { HubContext } from '../graphql/context';
import { SpcChartResult, SpcRuleSet } from '../graphql/types/spc.types';
import { chartFor, improvementOf } from '../services/spc.service';

/**
 * The last chart each request has queued. A chart is synchronous work on the caller's values;
 * graphql-js would run every alias of spcChart in one go, holding the event loop (300 aliases
 * on 10,000 values held /healthz for 3-5 s). Queued one after another, each in a turn of the
 * event loop of its own, other requests are served between one chart and the next. The cost
 * limit caps how many values a request may bring; this caps how long any one turn takes.
 */
const queued = new WeakMap<HubContext, Promise<unknown>>();

function inTurn<T>(ctx: HubContext, work: () => T): Promise<T> {
  const turn = (queued.get(ctx) ?? Promise.resolve()).then(() => nextTurn()).then(work);
  // A chart refused as bad input must not stop the request's other charts.
  queued.set(
    ctx,
    turn.catch(() => undefined),
  );
  return turn;
}

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
    @Ctx() ctx: HubContext,
  ): Promise<SpcChartResult> {
    return inTurn(ctx, () =>
      chartFor(values, {
        ruleSet,
        baselinePoints,
        rebaseAt: rebaseAt ?? [],
        improvement: improvementOf(polarity),
      }),
    );
  }
}
