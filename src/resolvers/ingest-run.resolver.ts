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

@Resolver(() => IngestRun)
export class IngestRunResolver {
  @Query(() => IngestRunConnection, { description: 'Ingest runs, newest first.' })
  ingestRuns(@Args() args: IngestRunsArgs, @Ctx() ctx: HubContext): Promise<ConnectionShape<IngestRun>> {
    return ctx.services.ingestRuns.page(args.dataset, pageWindow(args, ctx.settings.maxPageSize));
  }

  @FieldResolver(() => Dataset)
  async dataset(@Root() run: IngestRun, @Ctx() ctx: HubContext): Promise<Dataset> {
    return must(await ctx.loaders.dataset.load(run.datasetId), `run ${run.id} dataset`);
  }

  @FieldResolver(() => RejectedRowConnection, { description: 'The source rows this run rejected, by line.' })
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
