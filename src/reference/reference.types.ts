// The shape of the files in data/reference/. They are transcribed by hand from the
// partnerships' published documents (cited, not copied, in documents.json), so every record
// names the document it came from.
// The loader validates files against these shapes before it writes anything.

import type {
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

// Enum-typed fields hold the enum's string values in the JSON files, e.g. "DISTRICT".
// PLAN links: the document itself names the measure. HUB links: the hub's own mapping, with a note why.

export interface DocumentRef {
  /** The id of a document in documents.json, e.g. "000_d7f80165f4096f4d.txt". */
  sourceDocument: string;
}

export interface SourceDocumentRecord {
  id: string;
  title: string;
  publisher: string;
  kind: DocumentKind;
  /** Year or date as the document gives it, e.g. "2020", "2021-22". */
  published: string | null;
  summary: string;
}

export interface AreaRecord {
  code: string;
  name: string;
  type: AreaType;
  parents: string[];
  note?: string;
}

export interface ThemeRecord {
  code: string;
  name: string;
  description: string;
}

export interface DatasetRecord {
  id: string;
  name: string;
  publisher: string;
  description: string;
  url: string | null;
}

export interface MeasureRecord {
  code: string;
  name: string;
  definition: string;
  unit: Unit;
  polarity: Polarity;
  frequency: Frequency;
  dataset: string | null;
  themes: string[];
  sourceDocument?: string | null;
  /** The organisation that owns the figures (its keys may submit them). */
  owner?: string | null;
  /** Who may see its figures; PUBLIC when absent. */
  access?: MeasureAccess;
}

export interface OrganisationRecord {
  id: string;
  name: string;
  type: OrganisationType;
  sourceDocuments: string[];
  note?: string;
}

export interface MembershipRecord extends DocumentRef {
  organisation: string;
  role: string;
}

export interface GroupRecord extends DocumentRef {
  id: string;
  name: string;
  type: GroupType;
  chair: string | null;
  purpose: string | null;
  /** Id of a group this one reports to, if the document says. */
  parent: string | null;
  members: MembershipRecord[];
}

export interface MeasureLinkRecord {
  measure: string;
  /** The plan's own label for the measure, e.g. "a)"; null for HUB links. */
  label: string | null;
  basis: LinkBasis;
  note: string | null;
  /** A plan may state its own polarity or target for a shared measure. */
  polarity?: Polarity | null;
  target?: number | null;
}

export interface ObjectiveRecord {
  code: string;
  text: string;
  measures: MeasureLinkRecord[];
}

export interface ActionRecord {
  theme: string | null;
  subTheme: string | null;
  text: string;
  lead: string | null;
  leadOrganisation: string | null;
  /** The deadline as written, e.g. "December 2020", "Feb-March 2021". */
  deadline: string | null;
  /** ISO date: the last day of the deadline's month, or null when none is given. */
  dueDate: string | null;
  status: ActionStatus;
}

export interface KeyPersonRecord {
  name: string;
  role: string | null;
}

export interface PriorityRecord {
  code: string;
  title: string;
  rationale: string | null;
  themes: string[];
  planningGroups: string[];
  keyPersonnel: KeyPersonRecord[];
  objectives: ObjectiveRecord[];
  measures: MeasureLinkRecord[];
  actions: ActionRecord[];
}

export interface PlanRecord extends DocumentRef {
  id: string;
  title: string;
  periodStart: string;
  periodEnd: string;
  status: PlanStatus;
  summary: string | null;
  notes: string | null;
  priorities: PriorityRecord[];
}

export interface PartnerUpdateRecord {
  heading: string;
  organisation: string;
  speaker: string | null;
  attended: boolean;
  summary: string;
}

export interface MeetingRecord extends DocumentRef {
  id: string;
  title: string;
  group: string | null;
  period: string | null;
  date: string | null;
  updates: PartnerUpdateRecord[];
}

export interface FigureRecord extends DocumentRef {
  measure: string;
  area: string;
  period: string;
  value: number;
  note: string | null;
}

export interface PartnershipRecord {
  slug: string;
  name: string;
  description: string;
  areas: string[];
  sourceDocuments: string[];
  memberships: MembershipRecord[];
  groups: GroupRecord[];
  plans: PlanRecord[];
  meetings: MeetingRecord[];
  figures: FigureRecord[];
}

export interface ReferenceData {
  documents: SourceDocumentRecord[];
  areas: AreaRecord[];
  themes: ThemeRecord[];
  datasets: DatasetRecord[];
  measures: MeasureRecord[];
  organisations: OrganisationRecord[];
  partnerships: PartnershipRecord[];
}
