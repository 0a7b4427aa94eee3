import { Args, ArgsType, Ctx, Field, FieldResolver, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { Dataset, IngestRun, RejectedRow } from '../entities';
import { Connection, PageArgs, pageWindow, type ConnectionShape } from '../graphql/connection';
import { must, type HubContext } from '../graphql/context';

@ObjectType('IngestRunConnection')
export class IngestRunConnection extends Connection(IngestRun, 'IngestRun') {}

@ObjectType('RejectedRowConnection')
export class RejectedRowConnection extends Connection(RejectedRow, 'RejectedRow') {}

@ArgsType()
class IngestRunsArgs extends PageArgs {
  @Field(() => String, { nullable: true, description: 'Only runs of this dataset (id).' })
  dataset?: string | null;
}

// A submission's or withdrawal's run is recorded as "submission by <organisation> (key <prefix>)":
// the key's prefix tells the organisation which of its keys was used, and tells anyone else
// which prefix to try. Only the organisation sees it; others read "submission by <organisation>".
const KEYED_TRIGGER = /^((?:submission|withdrawal) by (\S+)) \(key [^)]*\)$/;

/** The run's trigger as this caller may read it. */
export function triggerFor(trigger: string, organisationId: string | null): string {
  const m = KEYED_TRIGGER.exec(trigger);
  return m && m[2] !== organisationId ? m[1]! : trigger;
}

@Resolver(() => IngestRun)
export class IngestRunResolver {
  // The field and its description are the entity's; this resolves it per caller.
  @FieldResolver(() => String)
  trigger(@Root() run: IngestRun, @Ctx() ctx: HubContext): string {
    return triggerFor(run.trigger, ctx.principal?.organisationId ?? null);
  }

  @Query(() => IngestRunConnection, { description: 'Ingest runs, newest first.' })
  ingestRuns(@Args() args: IngestRunsArgs, @Ctx() ctx: HubContext): Promise<ConnectionShape<IngestRun>> {
    return ctx.services.ingestRuns.page(args.dataset, pageWindow(args, ctx.settings.maxPageSize));
  }

  @FieldResolver(() => Dataset)
  async dataset(@Root() run: IngestRun, @Ctx() ctx: HubContext): Promise<Dataset> {
    return must(await ctx.loaders.dataset.load(run.datasetId), `run ${run.id} dataset`);
  }

  @FieldResolver(() => RejectedRowConnection, {
    description:
      "The source rows this run rejected, by line, with the reason. A row's text (raw) only for a key of the organisation owning the dataset's measures, when it may see all their figures; empty for everyone else.",
  })
  rejectedRows(
    @Root() run: IngestRun,
    @Args() args: PageArgs,
    @Ctx() ctx: HubContext,
  ): Promise<ConnectionShape<RejectedRow>> {
    return ctx.loaders.rejectedRowsByRun.load({ owner: run.id, window: pageWindow(args, ctx.settings.maxPageSize) });
  }
}

@Resolver(() => Dataset)
export class DatasetResolver {
  @FieldResolver(() => IngestRun, { nullable: true, description: 'The most recent run, if any.' })
  lastRun(@Root() d: Dataset, @Ctx() ctx: HubContext): Promise<IngestRun | null> {
    return ctx.loaders.lastRun.load(d.id);
  }
}
