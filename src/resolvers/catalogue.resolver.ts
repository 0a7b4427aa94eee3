import { Ctx, Query, Resolver } from 'type-graphql';
import { Dataset, SourceDocument } from '../entities';
import type { HubContext } from '../graphql/context';

@Resolver()
export class CatalogueResolver {
  @Query(() => [SourceDocument], { description: 'The partnership documents the reference data was transcribed from.' })
  sourceDocuments(@Ctx() ctx: HubContext): Promise<SourceDocument[]> {
    return ctx.services.catalogue.documents();
  }

  @Query(() => [Dataset], { description: 'Every source of figures.' })
  datasets(@Ctx() ctx: HubContext): Promise<Dataset[]> {
    return ctx.services.catalogue.datasets();
  }
}
