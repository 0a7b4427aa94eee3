import DataLoader from 'dataloader';
import { In, type DataSource } from 'typeorm';
import { MeasureLink, MeasureTheme, PriorityTheme, type Measure } from '../entities';

/**
 * Measures that evidence a theme: those tagged with it directly, and those linked to any
 * priority tagged with it. Three statements for all themes asked, then the measures in one.
 */
export function themeMeasuresLoader(
  ds: DataSource,
  measures: DataLoader<string, Measure | null>,
): DataLoader<string, Measure[]> {
  return new DataLoader<string, Measure[]>(async (codes) => {
    const m = ds.manager;
    const [tagged, priorityThemes] = await Promise.all([
      m.find(MeasureTheme, { where: { themeCode: In([...codes]) } }),
      m.find(PriorityTheme, { where: { themeCode: In([...codes]) } }),
    ]);
    const links = priorityThemes.length
      ? await m.find(MeasureLink, { where: { priorityId: In(priorityThemes.map((p) => p.priorityId)) } })
      : [];
    return Promise.all(
      codes.map(async (code) => {
        const priorityIds = new Set(priorityThemes.filter((p) => p.themeCode === code).map((p) => p.priorityId));
        const wanted = new Set([
          ...tagged.filter((t) => t.themeCode === code).map((t) => t.measureCode),
          ...links.filter((l) => priorityIds.has(l.priorityId)).map((l) => l.measureCode),
        ]);
        const found = await measures.loadMany([...wanted].sort());
        return found.filter((x): x is Measure => x !== null && !(x instanceof Error));
      }),
    );
  });
}
