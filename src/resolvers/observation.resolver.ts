import { isRedacted } from '../auth/visibility';
import { Ctx, Field, FieldResolver, ID, ObjectType, Resolver, Root } from 'type-graphql';
import { Area, CompetingFigure, FieldDecision, Measure, Observation, ObservationRevision } from '../entities';
import { figureKey } from '../domain/decision-keys';
import { DOCUMENTS_DATASET } from '../reference/reference-loader';
import { must, type HubContext } from '../graphql/context';

@ObjectType({ description: 'Where a figure came from.' })
export class Provenance {
  @Field({ description: 'The dataset id, e.g. police-street, documents.' })
  dataset!: string;

  @Field(() => ID, { nullable: true, description: 'The ingest run that wrote the figure.' })
  ingestRun!: number | null;

  @Field(() => String, { nullable: true, description: 'The partnership document quoting the figure (file name).' })
  sourceDocument!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'The source as published: the file name or the URL it was read from (never a path on the server).',
  })
  sourceUrl!: string | null;

  @Field({ description: 'When the figure was retrieved (or transcribed).' })
  retrievedAt!: Date;
}

@Resolver(() => Observation)
export class ObservationResolver {
  @FieldResolver(() => Measure)
  async measure(@Root() o: Observation, @Ctx() ctx: HubContext): Promise<Measure> {
    return must(await ctx.loaders.measure.load(o.measureCode), `observation ${o.id} measure`);
  }

  @FieldResolver(() => Area)
  async area(@Root() o: Observation, @Ctx() ctx: HubContext): Promise<Area> {
    return must(await ctx.loaders.area.load(o.areaCode), `observation ${o.id} area`);
  }

  @FieldResolver(() => Provenance)
  provenance(@Root() o: Observation): Provenance {
    return {
      dataset: o.datasetId,
      ingestRun: o.ingestRunId,
      sourceDocument: o.sourceDocument,
      sourceUrl: o.sourceUrl,
      retrievedAt: o.retrievedAt,
    };
  }

  @FieldResolver(() => [ObservationRevision], {
    description: 'Earlier values, newest first; none for a figure suppressed for this viewer.',
  })
  async revisions(@Root() o: Observation, @Ctx() ctx: HubContext): Promise<ObservationRevision[]> {
    if (isRedacted(o)) return [];
    return ctx.loaders.revisionsByObservation.load(o.id);
  }

  @FieldResolver(() => [CompetingFigure], {
    description:
      'The latest values of sources other than the shown one (see sourceKey), newest first; none for a figure suppressed for this viewer.',
  })
  async otherSources(@Root() o: Observation, @Ctx() ctx: HubContext): Promise<CompetingFigure[]> {
    if (isRedacted(o)) return [];
    return ctx.loaders.otherSourcesByObservation.load(o.id);
  }

  // A figure suppressed for this viewer says nothing of what other sources hold.
  @FieldResolver(() => Boolean, {
    description:
      "True when another source's latest value for this figure differs from the one shown (the later change is shown; see otherSources).",
  })
  conflict(@Root() o: Observation): boolean {
    return isRedacted(o) ? false : o.conflict;
  }

  @FieldResolver(() => [FieldDecision], {
    description:
      "For a figure a plan quotes: its fields that are not the plan's words (an inferred period or area), and whose they are. Empty for other sources' figures.",
  })
  async decisions(@Root() o: Observation, @Ctx() ctx: HubContext): Promise<FieldDecision[]> {
    if (o.sourceKey !== DOCUMENTS_DATASET) return [];
    return ctx.loaders.decisionsByRecord.load(figureKey(o.measureCode, o.areaCode, o.period));
  }
}
