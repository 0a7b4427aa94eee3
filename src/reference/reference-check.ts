import { todayIso } from '../domain/today';
import { figureProblem } from '../ingest/row-rules';
import type { MeasureLinkRecord, ReferenceData } from './reference.types';

// Cross-reference checks: every code a record names must exist, ids must be unique, and a
// figure must not collide with another for the same measure, area and period.

function duplicates(values: string[]): string[] {
  const seen = new Set<string>();
  const dups = new Set<string>();
  for (const v of values) (seen.has(v) ? dups : seen).add(v);
  return [...dups];
}

/** `areaCodes`: the areas the hub knows, from the geography (data/geography/), not the reference files. */
export function checkReferences(data: ReferenceData, areaCodes: ReadonlySet<string>): string[] {
  const problems: string[] = [];
  const ids = (what: string, values: string[]): Set<string> => {
    for (const d of duplicates(values)) problems.push(`${what} "${d}" is defined more than once`);
    return new Set(values);
  };
  const documents = ids(
    'document',
    data.documents.map((d) => d.id),
  );
  const areas = areaCodes;
  const themes = ids(
    'theme',
    data.themes.map((t) => t.code),
  );
  const datasets = ids(
    'dataset',
    data.datasets.map((d) => d.id),
  );
  const measures = ids(
    'measure',
    data.measures.map((m) => m.code),
  );
  const organisations = ids(
    'organisation',
    data.organisations.map((o) => o.id),
  );
  ids(
    'partnership',
    data.partnerships.map((p) => p.slug),
  );
  const groups = ids(
    'group',
    data.partnerships.flatMap((p) => p.groups.map((g) => g.id)),
  );
  ids(
    'plan',
    data.partnerships.flatMap((p) => p.plans.map((pl) => pl.id)),
  );
  ids(
    'meeting',
    data.partnerships.flatMap((p) => p.meetings.map((m) => m.id)),
  );

  const need = (set: ReadonlySet<string>, what: string, value: string | null | undefined, where: string): void => {
    if (value !== null && value !== undefined && !set.has(value)) problems.push(`${where}: unknown ${what} "${value}"`);
  };

  for (const m of data.measures) {
    need(datasets, 'dataset', m.dataset, `measure ${m.code}`);
    need(documents, 'document', m.sourceDocument, `measure ${m.code}`);
    need(organisations, 'organisation', m.owner, `measure ${m.code} owner`);
    for (const t of m.themes) need(themes, 'theme', t, `measure ${m.code}`);
  }
  for (const o of data.organisations)
    for (const d of o.sourceDocuments) need(documents, 'document', d, `organisation ${o.id}`);

  const checkLinks = (links: MeasureLinkRecord[], where: string): void => {
    for (const l of links) need(measures, 'measure', l.measure, where);
    for (const d of duplicates(links.map((l) => l.measure))) problems.push(`${where}: measure "${d}" is linked twice`);
  };

  const measureShapes = new Map(data.measures.map((m) => [m.code, m]));
  const today = todayIso();
  for (const p of data.partnerships) {
    const at = `partnership ${p.slug}`;
    for (const a of p.areas) need(areas, 'area', a, at);
    for (const d of p.sourceDocuments) need(documents, 'document', d, at);
    for (const m of p.memberships) {
      need(organisations, 'organisation', m.organisation, `${at} membership`);
      need(documents, 'document', m.sourceDocument, `${at} membership`);
    }
    for (const g of p.groups) {
      need(groups, 'group', g.parent, `group ${g.id} parent`);
      need(documents, 'document', g.sourceDocument, `group ${g.id}`);
      for (const m of g.members) need(organisations, 'organisation', m.organisation, `group ${g.id} member`);
    }
    for (const plan of p.plans) {
      need(documents, 'document', plan.sourceDocument, `plan ${plan.id}`);
      if (plan.periodEnd < plan.periodStart) problems.push(`plan ${plan.id}: periodEnd is before periodStart`);
      for (const d of duplicates(plan.priorities.map((pr) => pr.code)))
        problems.push(`plan ${plan.id}: priority code "${d}" is used twice`);
      for (const pr of plan.priorities) {
        const pat = `plan ${plan.id} priority ${pr.code}`;
        for (const t of pr.themes) need(themes, 'theme', t, pat);
        for (const g of pr.planningGroups) need(groups, 'group', g, pat);
        for (const d of duplicates(pr.objectives.map((o) => o.code)))
          problems.push(`${pat}: objective code "${d}" is used twice`);
        checkLinks(pr.measures, pat);
        for (const o of pr.objectives) checkLinks(o.measures, `${pat} objective ${o.code}`);
        for (const a of pr.actions) need(organisations, 'organisation', a.leadOrganisation, `${pat} action`);
      }
    }
    for (const m of p.meetings) {
      need(groups, 'group', m.group, `meeting ${m.id}`);
      need(documents, 'document', m.sourceDocument, `meeting ${m.id}`);
      for (const u of m.updates) need(organisations, 'organisation', u.organisation, `meeting ${m.id} update`);
    }
    for (const f of p.figures) {
      const fat = `${at} figure ${f.measure} ${f.area} ${f.period}`;
      need(measures, 'measure', f.measure, fat);
      need(areas, 'area', f.area, fat);
      need(documents, 'document', f.sourceDocument, fat);
      // A quoted figure meets the rules every figure meets (src/ingest/row-rules.ts).
      const measure = measureShapes.get(f.measure);
      const problem = measure ? figureProblem(f, measure, today) : null;
      if (problem) problems.push(`${fat}: ${problem}`);
    }
  }
  const figureKeys = data.partnerships.flatMap((p) => p.figures.map((f) => `${f.measure} ${f.area} ${f.period}`));
  for (const d of duplicates(figureKeys)) problems.push(`figure ${d} is given more than once`);
  return problems;
}
