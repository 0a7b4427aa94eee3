import { parsePeriod } from '../analytics/period';
import { figureKey, recordKey, type DecidedRecord } from '../domain/decision-keys';
import { MeasureAccess, type Frequency } from '../domain/enums';
import type {
  Action,
  DiscussionItem,
  FieldDecision,
  PartnershipContact,
  PlanSection,
  SectionTheme,
  Strategy,
  StrategyDate,
  TrendStatement,
  Dataset,
  GovernanceGroup,
  KeyPerson,
  Measure,
  MeasureLink,
  MeasureTheme,
  MeetingReport,
  Membership,
  Objective,
  Organisation,
  PartnerUpdate,
  Partnership,
  PartnershipArea,
  Plan,
  Priority,
  PriorityGroup,
  PriorityTheme,
  SourceDocument,
  Theme,
} from '../entities';
import type {
  DecisionRecord,
  KeyPersonRecord,
  MeasureLinkRecord,
  PartnershipRecord,
  PlanRecord,
  ReferenceData,
} from './reference.types';

// Flattens checked reference records into table rows with stable ids derived from the plan's
// own codes (plan/priority/objective), so reloading an unchanged file produces identical rows.

export type DatasetRow = Omit<Dataset, 'schedule'>;

export interface FigureRow {
  measureCode: string;
  areaCode: string;
  period: string;
  frequency: Frequency;
  periodStart: string;
  periodEnd: string;
  value: number;
  note: string | null;
  sourceDocument: string;
}

export interface ReferenceRows {
  documents: SourceDocument[];
  themes: Theme[];
  datasets: DatasetRow[];
  measures: Measure[];
  measureThemes: MeasureTheme[];
  organisations: Organisation[];
  partnerships: Partnership[];
  partnershipAreas: PartnershipArea[];
  groups: GovernanceGroup[];
  memberships: Membership[];
  plans: Plan[];
  priorities: Priority[];
  priorityThemes: PriorityTheme[];
  priorityGroups: PriorityGroup[];
  keyPeople: KeyPerson[];
  objectives: Objective[];
  measureLinks: MeasureLink[];
  actions: Action[];
  meetings: MeetingReport[];
  updates: PartnerUpdate[];
  discussion: DiscussionItem[];
  contacts: PartnershipContact[];
  sections: PlanSection[];
  sectionThemes: SectionTheme[];
  strategies: Strategy[];
  strategyDates: StrategyDate[];
  trends: TrendStatement[];
  decisions: FieldDecision[];
  figures: FigureRow[];
}

function emptyRows(): ReferenceRows {
  return {
    documents: [],
    themes: [],
    datasets: [],
    measures: [],
    measureThemes: [],
    organisations: [],
    partnerships: [],
    partnershipAreas: [],
    groups: [],
    memberships: [],
    plans: [],
    priorities: [],
    priorityThemes: [],
    priorityGroups: [],
    keyPeople: [],
    objectives: [],
    measureLinks: [],
    actions: [],
    meetings: [],
    updates: [],
    discussion: [],
    contacts: [],
    sections: [],
    sectionThemes: [],
    strategies: [],
    strategyDates: [],
    trends: [],
    decisions: [],
    figures: [],
  };
}

/** Files a record's decisions under its key (decision-keys.ts). */
function addDecisions(
  out: ReferenceRows,
  kind: DecidedRecord,
  id: string,
  decisions: DecisionRecord[] | undefined,
): void {
  const key = recordKey(kind, id);
  fileDecisions(out, key, decisions);
}

function fileDecisions(out: ReferenceRows, key: string, decisions: DecisionRecord[] | undefined): void {
  (decisions ?? []).forEach((d, position) =>
    out.decisions.push({
      id: `${key}#${d.field}`,
      recordKey: key,
      field: d.field,
      basis: d.basis,
      reason: d.reason,
      position,
    }),
  );
}

function addPeople(
  out: ReferenceRows,
  people: readonly KeyPersonRecord[],
  scope: { id: string; planId: string; priorityId: string | null },
): void {
  people.forEach((k, i) => {
    const id = `${scope.id}/k${i + 1}`;
    out.keyPeople.push({
      id,
      planId: scope.planId,
      priorityId: scope.priorityId,
      name: k.name,
      role: k.role,
      organisationId: k.organisation ?? null,
      position: i,
    });
    addDecisions(out, 'KEY_PERSON', id, k.decisions);
  });
}

function linkRows(
  links: MeasureLinkRecord[],
  scope: { id: string; partnershipSlug: string; priorityId: string; objectiveId: string | null },
): MeasureLink[] {
  return links.map((l, i) => ({
    id: `${scope.id}/m${i + 1}`,
    measureCode: l.measure,
    partnershipSlug: scope.partnershipSlug,
    priorityId: scope.priorityId,
    objectiveId: scope.objectiveId,
    label: l.label,
    basis: l.basis,
    note: l.note,
    polarity: l.polarity ?? null,
    target: l.target ?? null,
    position: i,
  }));
}

function addPlan(out: ReferenceRows, p: PartnershipRecord, plan: PlanRecord): void {
  out.plans.push({
    id: plan.id,
    partnershipSlug: p.slug,
    title: plan.title,
    periodStart: plan.periodStart,
    periodEnd: plan.periodEnd,
    status: plan.status,
    summary: plan.summary,
    notes: plan.notes,
    sourceDocument: plan.sourceDocument,
  });
  addDecisions(out, 'PLAN', plan.id, plan.decisions);
  addPeople(out, plan.keyPeople ?? [], { id: plan.id, planId: plan.id, priorityId: null });
  (plan.sections ?? []).forEach((sec, i) => {
    const id = `${plan.id}/s${i + 1}`;
    out.sections.push({
      id,
      planId: plan.id,
      heading: sec.heading,
      text: sec.text,
      places: sec.places ?? [],
      position: i,
      sourceDocument: plan.sourceDocument,
    });
    for (const themeCode of sec.themes) out.sectionThemes.push({ sectionId: id, themeCode });
    addDecisions(out, 'SECTION', id, sec.decisions);
  });
  (plan.strategies ?? []).forEach((st, i) => {
    out.strategies.push({
      id: st.id,
      planId: plan.id,
      name: st.name,
      statement: st.statement,
      parentId: st.parent,
      position: i,
      sourceDocument: plan.sourceDocument,
    });
    st.dates.forEach((d, j) => {
      const span = parsePeriod(d.period);
      out.strategyDates.push({
        id: `${st.id}/d${j + 1}`,
        strategyId: st.id,
        event: d.event,
        period: d.period,
        frequency: span.frequency,
        periodStart: span.start,
        periodEnd: span.end,
        position: j,
      });
    });
    addDecisions(out, 'STRATEGY', st.id, st.decisions);
  });
  (plan.trends ?? []).forEach((t, i) => {
    const id = `${plan.id}/t${i + 1}`;
    out.trends.push({
      id,
      planId: plan.id,
      subject: t.subject,
      statement: t.statement,
      direction: t.direction,
      value: t.value,
      measureCode: t.measure,
      areaCode: t.area,
      periodStart: t.periodStart,
      periodEnd: t.periodEnd,
      position: i,
      sourceDocument: plan.sourceDocument,
    });
    addDecisions(out, 'TREND', id, t.decisions);
  });
  plan.priorities.forEach((pr, position) => {
    const priorityId = `${plan.id}/${pr.code}`;
    out.priorities.push({
      id: priorityId,
      planId: plan.id,
      code: pr.code,
      title: pr.title,
      rationale: pr.rationale,
      position,
    });
    addDecisions(out, 'PRIORITY', priorityId, pr.decisions);
    for (const themeCode of pr.themes) out.priorityThemes.push({ priorityId, themeCode });
    for (const groupId of pr.planningGroups) out.priorityGroups.push({ priorityId, groupId });
    addPeople(out, pr.keyPersonnel, { id: priorityId, planId: plan.id, priorityId });
    out.measureLinks.push(
      ...linkRows(pr.measures, { id: priorityId, partnershipSlug: p.slug, priorityId, objectiveId: null }),
    );
    pr.objectives.forEach((o, i) => {
      const objectiveId = `${priorityId}/${o.code}`;
      out.objectives.push({ id: objectiveId, priorityId, code: o.code, text: o.text, position: i });
      addDecisions(out, 'OBJECTIVE', objectiveId, o.decisions);
      out.measureLinks.push(
        ...linkRows(o.measures, { id: objectiveId, partnershipSlug: p.slug, priorityId, objectiveId }),
      );
    });
    pr.actions.forEach((a, i) => {
      addDecisions(out, 'ACTION', `${priorityId}/a${i + 1}`, a.decisions);
      out.actions.push({
        id: `${priorityId}/a${i + 1}`,
        planId: plan.id,
        priorityId,
        theme: a.theme,
        subTheme: a.subTheme,
        text: a.text,
        lead: a.lead,
        leadOrganisationId: a.leadOrganisation,
        deadline: a.deadline,
        dueDate: a.dueDate,
        status: a.status,
        position: i,
        sourceDocument: plan.sourceDocument,
      });
    });
  });
}

function addPartnership(out: ReferenceRows, p: PartnershipRecord): void {
  out.partnerships.push({ slug: p.slug, name: p.name, description: p.description, sourceDocuments: p.sourceDocuments });
  addDecisions(out, 'PARTNERSHIP', p.slug, p.decisions);
  for (const areaCode of p.areas) out.partnershipAreas.push({ partnershipSlug: p.slug, areaCode });
  (p.contacts ?? []).forEach((c, i) =>
    out.contacts.push({
      id: `${p.slug}/c${i + 1}`,
      partnershipSlug: p.slug,
      kind: c.kind,
      value: c.value,
      position: i,
      sourceDocument: c.sourceDocument,
    }),
  );
  p.memberships.forEach((m, i) => {
    const id = `${p.slug}/m${i + 1}`;
    out.memberships.push({
      id,
      partnershipSlug: p.slug,
      groupId: null,
      organisationId: m.organisation,
      role: m.role,
      statedAs: m.statedAs ?? null,
      position: i,
      sourceDocument: m.sourceDocument,
    });
    addDecisions(out, 'MEMBERSHIP', id, m.decisions);
  });
  for (const g of p.groups) {
    out.groups.push({
      id: g.id,
      partnershipSlug: p.slug,
      name: g.name,
      type: g.type,
      chair: g.chair,
      purpose: g.purpose,
      parentId: g.parent,
      alongsideId: g.alongside ?? null,
      places: g.places ?? [],
      sourceDocument: g.sourceDocument,
    });
    addDecisions(out, 'GROUP', g.id, g.decisions);
    g.members.forEach((m, i) => {
      const id = `${g.id}/m${i + 1}`;
      out.memberships.push({
        id,
        partnershipSlug: p.slug,
        groupId: g.id,
        organisationId: m.organisation,
        role: m.role,
        statedAs: m.statedAs ?? null,
        position: i,
        sourceDocument: m.sourceDocument,
      });
      addDecisions(out, 'MEMBERSHIP', id, m.decisions);
    });
  }
  for (const plan of p.plans) addPlan(out, p, plan);
  for (const m of p.meetings) {
    out.meetings.push({
      id: m.id,
      partnershipSlug: p.slug,
      groupId: m.group,
      title: m.title,
      period: m.period,
      date: m.date,
      sourceDocument: m.sourceDocument,
    });
    addDecisions(out, 'MEETING', m.id, m.decisions);
    (m.discussion ?? []).forEach((d, i) =>
      out.discussion.push({
        id: `${m.id}/d${i + 1}`,
        meetingId: m.id,
        raisedBy: d.raisedBy,
        text: d.text,
        position: i,
      }),
    );
    m.updates.forEach((u, i) => addDecisions(out, 'UPDATE', `${m.id}/u${i + 1}`, u.decisions));
    m.updates.forEach((u, i) =>
      out.updates.push({
        id: `${m.id}/u${i + 1}`,
        meetingId: m.id,
        organisationId: u.organisation,
        heading: u.heading,
        speaker: u.speaker,
        attended: u.attended,
        summary: u.summary,
        position: i,
      }),
    );
  }
  for (const f of p.figures) {
    const span = parsePeriod(f.period);
    out.figures.push({
      measureCode: f.measure,
      areaCode: f.area,
      period: f.period,
      frequency: span.frequency,
      periodStart: span.start,
      periodEnd: span.end,
      value: f.value,
      note: f.note,
      sourceDocument: f.sourceDocument,
    });
    fileDecisions(out, figureKey(f.measure, f.area, f.period), f.decisions);
  }
}

export function referenceRows(data: ReferenceData): ReferenceRows {
  const out = emptyRows();
  for (const d of data.documents) {
    out.documents.push({
      id: d.id,
      title: d.title,
      publisher: d.publisher,
      kind: d.kind,
      published: d.published,
      location: d.location,
      summary: d.summary,
    });
    addDecisions(out, 'DOCUMENT', d.id, d.decisions);
  }
  out.themes = data.themes.map((t) => ({ ...t }));
  out.datasets = data.datasets.map((d) => ({ ...d }));
  for (const m of data.measures) {
    out.measures.push({
      code: m.code,
      name: m.name,
      definition: m.definition,
      unit: m.unit,
      polarity: m.polarity,
      frequency: m.frequency,
      source: m.code.split('.')[0] ?? m.code,
      datasetId: m.dataset,
      sourceDocument: m.sourceDocument ?? null,
      ownerOrganisationId: m.owner ?? null,
      access: m.access ?? MeasureAccess.PUBLIC,
    });
    for (const themeCode of m.themes) out.measureThemes.push({ measureCode: m.code, themeCode });
    addDecisions(out, 'MEASURE', m.code, m.decisions);
  }
  for (const o of data.organisations) {
    out.organisations.push({
      id: o.id,
      name: o.name,
      type: o.type,
      sourceDocuments: o.sourceDocuments,
      note: o.note ?? null,
    });
    addDecisions(out, 'ORGANISATION', o.id, o.decisions);
  }
  for (const p of data.partnerships) addPartnership(out, p);
  return out;
}
