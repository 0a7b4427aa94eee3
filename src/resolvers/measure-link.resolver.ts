import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Measure, MeasureLink, Objective, Partnership, Priority } from '../entities';
import { Polarity } from '../domain/enums';
import { must, type HubContext } from '../graphql/context';

@Resolver(() => MeasureLink)
export class MeasureLinkResolver {
  @FieldResolver(() => Measure)
  async measure(@Root() l: MeasureLink, @Ctx() ctx: HubContext): Promise<Measure> {
    return must(await ctx.loaders.measure.load(l.measureCode), `link ${l.id} measure`);
  }

  @FieldResolver(() => Priority)
  async priority(@Root() l: MeasureLink, @Ctx() ctx: HubContext): Promise<Priority> {
    return must(await ctx.loaders.priority.load(l.priorityId), `link ${l.id} priority`);
  }

  @FieldResolver(() => Objective, { nullable: true })
  objective(@Root() l: MeasureLink, @Ctx() ctx: HubContext): Promise<Objective | null> | null {
    return l.objectiveId ? ctx.loaders.objective.load(l.objectiveId) : null;
  }

  @FieldResolver(() => Partnership)
  async partnership(@Root() l: MeasureLink, @Ctx() ctx: HubContext): Promise<Partnership> {
    return must(await ctx.loaders.partnership.load(l.partnershipSlug), `link ${l.id} partnership`);
  }

  @FieldResolver(() => Polarity, {
    description: "The polarity that applies here: the plan's own if it states one, else the measure's.",
  })
  async effectivePolarity(@Root() l: MeasureLink, @Ctx() ctx: HubContext): Promise<Polarity> {
    return l.polarity ?? must(await ctx.loaders.measure.load(l.measureCode), `link ${l.id} measure`).polarity;
  }
}
