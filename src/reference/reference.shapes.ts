import {
  ActionStatus,
  AreaType,
  DocumentKind,
  Frequency,
  GroupType,
  LinkBasis,
  MeasureAccess,
  OrganisationType,
  PlanStatus,
  Polarity,
  Unit,
} from '../domain/enums';
import { GSS_CODE } from '../domain/gss-code';
import { isIsoDate, isPeriod } from '../analytics/period';
import { arrayOf, bool, checked, matching, nullable, num, object, oneOf, optional, str, type Shape } from './shape';
import type {
  ActionRecord,
  AreaRecord,
  DatasetRecord,
  FigureRecord,
  GroupRecord,
  KeyPersonRecord,
  MeasureLinkRecord,
  MeasureRecord,
  MeetingRecord,
  MembershipRecord,
  ObjectiveRecord,
  OrganisationRecord,
  PartnerUpdateRecord,
  PartnershipRecord,
  PlanRecord,
  PriorityRecord,
  SourceDocumentRecord,
  ThemeRecord,
} from './reference.types';

const gss = matching(GSS_CODE, 'a GSS code such as E07000088');
const slug = matching(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'a kebab-case id');
const measureCode = matching(/^[a-z]+\.[a-z0-9]+([.-][a-z0-9]+)*$/, 'a measure code source.name');
const themeCode = matching(/^[A-Z][A-Z_]*$/, 'a theme code such as DOMESTIC_ABUSE');
const isoDate = checked(isIsoDate, 'an ISO date YYYY-MM-DD');
const period = checked(isPeriod, 'a period: 2022-02, 2022-Q1, 2021/22 or 2022');

export const documentShape: Shape<SourceDocumentRecord> = object({
  id: str,
  title: str,
  publisher: str,
  kind: oneOf(DocumentKind),
  published: nullable(str),
  summary: str,
});

export const areaShape: Shape<AreaRecord> = object({
  code: gss,
  name: str,
  type: oneOf(AreaType),
  parents: arrayOf(gss),
  note: optional(str),
});

export const themeShape: Shape<ThemeRecord> = object({ code: themeCode, name: str, description: str });

export const datasetShape: Shape<DatasetRecord> = object({
  id: slug,
  name: str,
  publisher: str,
  description: str,
  url: nullable(str),
});

export const measureShape: Shape<MeasureRecord> = object({
  code: measureCode,
  name: str,
  definition: str,
  unit: oneOf(Unit),
  polarity: oneOf(Polarity),
  frequency: oneOf(Frequency),
  dataset: nullable(slug),
  themes: arrayOf(themeCode),
  sourceDocument: optional(nullable(str)),
  owner: optional(nullable(slug)),
  access: optional(oneOf(MeasureAccess)),
});

export const organisationShape: Shape<OrganisationRecord> = object({
  id: slug,
  name: str,
  type: oneOf(OrganisationType),
  sourceDocuments: arrayOf(str),
  note: optional(str),
});

const membershipShape: Shape<MembershipRecord> = object({ organisation: slug, role: str, sourceDocument: str });

const groupShape: Shape<GroupRecord> = object({
  id: slug,
  name: str,
  type: oneOf(GroupType),
  chair: nullable(str),
  purpose: nullable(str),
  parent: nullable(slug),
  members: arrayOf(membershipShape),
  sourceDocument: str,
});

const linkShape: Shape<MeasureLinkRecord> = object({
  measure: measureCode,
  label: nullable(str),
  basis: oneOf(LinkBasis),
  note: nullable(str),
  polarity: optional(nullable(oneOf(Polarity))),
  target: optional(nullable(num)),
});

const objectiveShape: Shape<ObjectiveRecord> = object({ code: str, text: str, measures: arrayOf(linkShape) });

const actionShape: Shape<ActionRecord> = object({
  theme: nullable(str),
  subTheme: nullable(str),
  text: str,
  lead: nullable(str),
  leadOrganisation: nullable(slug),
  deadline: nullable(str),
  dueDate: nullable(isoDate),
  status: oneOf(ActionStatus),
});

const keyPersonShape: Shape<KeyPersonRecord> = object({ name: str, role: nullable(str) });

const priorityShape: Shape<PriorityRecord> = object({
  code: str,
  title: str,
  rationale: nullable(str),
  themes: arrayOf(themeCode),
  planningGroups: arrayOf(slug),
  keyPersonnel: arrayOf(keyPersonShape),
  objectives: arrayOf(objectiveShape),
  measures: arrayOf(linkShape),
  actions: arrayOf(actionShape),
});

const planShape: Shape<PlanRecord> = object({
  id: slug,
  title: str,
  periodStart: isoDate,
  periodEnd: isoDate,
  status: oneOf(PlanStatus),
  summary: nullable(str),
  notes: nullable(str),
  sourceDocument: str,
  priorities: arrayOf(priorityShape),
});

const updateShape: Shape<PartnerUpdateRecord> = object({
  heading: str,
  organisation: slug,
  speaker: nullable(str),
  attended: bool,
  summary: str,
});

const meetingShape: Shape<MeetingRecord> = object({
  id: slug,
  title: str,
  group: nullable(slug),
  period: nullable(str),
  date: nullable(isoDate),
  sourceDocument: str,
  updates: arrayOf(updateShape),
});

const figureShape: Shape<FigureRecord> = object({
  measure: measureCode,
  area: gss,
  period,
  value: num,
  note: nullable(str),
  sourceDocument: str,
});

export const partnershipShape: Shape<PartnershipRecord> = object({
  slug,
  name: str,
  description: str,
  areas: arrayOf(gss),
  sourceDocuments: arrayOf(str),
  memberships: arrayOf(membershipShape),
  groups: arrayOf(groupShape),
  plans: arrayOf(planShape),
  meetings: arrayOf(meetingShape),
  figures: arrayOf(figureShape),
});
