import { parsePeriod } from '../analytics/period';
import { MeasureAccess, type Frequency } from '../domain/enums';
import type {
  Action,
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
import type { MeasureLinkRecord, PartnershipRecord, PlanRecord, ReferenceData } from './reference.types';

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
    figures: [],
  };
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
    for (const themeCode of pr.themes) out.priorityThemes.push({ priorityId, themeCode });
    for (const groupId of pr.planningGroups) out.priorityGroups.push({ priorityId, groupId });
    pr.keyPersonnel.forEach((k, i) =>
      out.keyPeople.push({ id: `${priorityId}/k${i + 1}`, priorityId, name: k.name, role: k.role, position: i }),
    );
    out.measureLinks.push(
      ...linkRows(pr.measures, { id: priorityId, partnershipSlug: p.slug, priorityId, objectiveId: null }),
    );
    pr.objectives.forEach((o, i) => {
      const objectiveId = `${priorityId}/${o.code}`;
      out.objectives.push({ id: objectiveId, priorityId, code: o.code, text: o.text, position: i });
      out.measureLinks.push(
        ...linkRows(o.measures, { id: objectiveId, partnershipSlug: p.slug, priorityId, objectiveId }),
      );
    });
    pr.actions.forEach((a, i) =>
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
      }),
    );
  });
}

function addPartnership(out: ReferenceRows, p: PartnershipRecord): void {
  out.partnerships.push({ slug: p.slug, name: p.name, description: p.description, sourceDocuments: p.sourceDocuments });
  for (const areaCode of p.areas) out.partnershipAreas.push({ partnershipSlug: p.slug, areaCode });
  p.memberships.forEach((m, i) =>
    out.memberships.push({
      id: `${p.slug}/m${i + 1}`,
      partnershipSlug: p.slug,
      groupId: null,
      organisationId: m.organisation,
      role: m.role,
      position: i,
      sourceDocument: m.sourceDocument,
    }),
  );
  for (const g of p.groups) {
    out.groups.push({
      id: g.id,
      partnershipSlug: p.slug,
      name: g.name,
      type: g.type,
      chair: g.chair,
      purpose: g.purpose,
      parentId: g.parent,
      sourceDocument: g.sourceDocument,
    });
    g.members.forEach((m, i) =>
      out.memberships.push({
        id: `${g.id}/m${i + 1}`,
        partnershipSlug: p.slug,
        groupId: g.id,
        organisationId: m.organisation,
        role: m.role,
        position: i,
        sourceDocument: m.sourceDocument,
      }),
    );
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
  }
}

export function referenceRows(data: ReferenceData): ReferenceRows {
  const out = emptyRows();
  out.documents = data.documents.map((d) => ({ ...d }));
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
  }
  out.organisations = data.organisations.map((o) => ({
    id: o.id,
    name: o.name,
    type: o.type,
    sourceDocuments: o.sourceDocuments,
    note: o.note ?? null,
  }));
  for (const p of data.partnerships) addPartnership(out, p);
  return out;
}
