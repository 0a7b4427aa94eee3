import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { Measure, PlanSection, Priority, Theme } from '../entities';
import type { HubContext } from '../graphql/context';

@Resolver(() => Theme)
export class ThemeResolver {
  @Query(() => [Theme])
  themes(@Ctx() ctx: HubContext): Promise<Theme[]> {
    return ctx.services.themes.list();
  }

  @Query(() => Theme, {
    nullable: true,
    description: 'One theme by code (e.g. DOMESTIC_ABUSE); null with a NOT_FOUND error if there is none.',
  })
  theme(@Arg('code') code: string, @Ctx() ctx: HubContext): Promise<Theme> {
    return ctx.services.themes.byCode(code);
  }

  @FieldResolver(() => [Priority], { description: 'Priorities of every partnership tagged with this theme.' })
  priorities(@Root() t: Theme, @Ctx() ctx: HubContext): Promise<Priority[]> {
    return ctx.loaders.prioritiesByTheme.load(t.code);
  }

  @FieldResolver(() => [Measure], { description: 'Measures tagged with the theme or linked to one of its priorities.' })
  measures(@Root() t: Theme, @Ctx() ctx: HubContext): Promise<Measure[]> {
    return ctx.loaders.measuresByTheme.load(t.code);
  }

  @FieldResolver(() => [PlanSection], { description: 'Context sections of plans (not priorities) about this theme.' })
  sections(@Root() t: Theme, @Ctx() ctx: HubContext): Promise<PlanSection[]> {
    return ctx.loaders.sectionsByTheme.load(t.code);
  }
}
