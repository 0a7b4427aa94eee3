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
      need(groups, 'group', g.alongside, `group ${g.id} alongside`);
      need(documents, 'document', g.sourceDocument, `group ${g.id}`);
      for (const m of g.members) need(organisations, 'organisation', m.organisation, `group ${g.id} member`);
    }
    for (const plan of p.plans) {
      need(documents, 'document', plan.sourceDocument, `plan ${plan.id}`);
      if (plan.periodEnd < plan.periodStart) problems.push(`plan ${plan.id}: periodEnd is before periodStart`);
      const strategyIds = new Set((plan.strategies ?? []).map((x) => x.id));
      for (const d of duplicates((plan.strategies ?? []).map((x) => x.id)))
        problems.push(`plan ${plan.id}: strategy "${d}" is defined more than once`);
      for (const st of plan.strategies ?? [])
        need(strategyIds, 'strategy', st.parent, `plan ${plan.id} strategy ${st.id}`);
      for (const sec of plan.sections ?? [])
        for (const th of sec.themes) need(themes, 'theme', th, `plan ${plan.id} section`);
      for (const k of plan.keyPeople ?? [])
        need(organisations, 'organisation', k.organisation, `plan ${plan.id} key person`);
      (plan.trends ?? []).forEach((tr, i) => {
        need(measures, 'measure', tr.measure, `plan ${plan.id} trend ${i + 1}`);
        need(areas, 'area', tr.area, `plan ${plan.id} trend ${i + 1}`);
        if (tr.periodEnd < tr.periodStart)
          problems.push(`plan ${plan.id} trend ${i + 1}: periodEnd is before periodStart`);
      });
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
  checkDecisionsAndLists(data, problems);
  const figureKeys = data.partnerships.flatMap((p) => p.figures.map((f) => `${f.measure} ${f.area} ${f.period}`));
  for (const d of duplicates(figureKeys)) problems.push(`figure ${d} is given more than once`);
  return problems;
}

// A record has at most one decision per field (the store files them by record and field), and
// a place is stored in a comma-separated list, so it may not hold a comma itself.
function checkDecisionsAndLists(data: ReferenceData, problems: string[]): void {
  const once = (where: string, decisions: Array<{ field: string }> | undefined): void => {
    for (const d of duplicates((decisions ?? []).map((x) => x.field)))
      problems.push(`${where}: two decisions for the field "${d}"`);
  };
  const places = (where: string, list: string[] | undefined): void => {
    if ((list ?? []).some((p) => p.includes(','))) problems.push(`${where}: a place may not contain a comma`);
  };
  for (const d of data.documents) once(`document ${d.id}`, d.decisions);
  for (const m of data.measures) once(`measure ${m.code}`, m.decisions);
  for (const o of data.organisations) once(`organisation ${o.id}`, o.decisions);
  for (const p of data.partnerships) {
    once(`partnership ${p.slug}`, p.decisions);
    p.memberships.forEach((m, i) => once(`partnership ${p.slug} membership ${i + 1}`, m.decisions));
    for (const g of p.groups) {
      once(`group ${g.id}`, g.decisions);
      places(`group ${g.id}`, g.places);
      g.members.forEach((m, i) => once(`group ${g.id} member ${i + 1}`, m.decisions));
    }
    for (const plan of p.plans) {
      once(`plan ${plan.id}`, plan.decisions);
      (plan.sections ?? []).forEach((s, i) => {
        once(`plan ${plan.id} section ${i + 1}`, s.decisions);
        places(`plan ${plan.id} section ${i + 1}`, s.places);
      });
      for (const s of plan.strategies ?? []) once(`plan ${plan.id} strategy ${s.id}`, s.decisions);
      (plan.trends ?? []).forEach((t, i) => once(`plan ${plan.id} trend ${i + 1}`, t.decisions));
      for (const pr of plan.priorities) {
        once(`plan ${plan.id} priority ${pr.code}`, pr.decisions);
        for (const o of pr.objectives) once(`plan ${plan.id} priority ${pr.code} objective ${o.code}`, o.decisions);
        pr.actions.forEach((a, i) => once(`plan ${plan.id} priority ${pr.code} action ${i + 1}`, a.decisions));
      }
    }
    for (const m of p.meetings) once(`meeting ${m.id}`, m.decisions);
    for (const f of p.figures) once(`figure ${f.measure} ${f.area} ${f.period}`, f.decisions);
  }
}
