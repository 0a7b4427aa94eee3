import type { z } from 'zod';
import type {
  datasetSchema,
  documentSchema,
  measureSchema,
  organisationSchema,
  partnershipSchema,
  themeSchema,
} from './reference.schema';

// The records of the files in data/reference/, as the loader hands them on: inferred from the
// schemas in reference.schema.ts (which say what each field means) rather than written out a
// second time, so a field added to a schema cannot be missing here, or the other way round.

export type SourceDocumentRecord = z.infer<typeof documentSchema>;
export type ThemeRecord = z.infer<typeof themeSchema>;
export type DatasetRecord = z.infer<typeof datasetSchema>;
export type MeasureRecord = z.infer<typeof measureSchema>;
export type OrganisationRecord = z.infer<typeof organisationSchema>;
export type PartnershipRecord = z.infer<typeof partnershipSchema>;

// The nested records are named through the partnership, so the schema module need not export
// a schema for each.
export type MembershipRecord = PartnershipRecord['memberships'][number];
export type GroupRecord = PartnershipRecord['groups'][number];
export type PlanRecord = PartnershipRecord['plans'][number];
export type PriorityRecord = PlanRecord['priorities'][number];
export type ObjectiveRecord = PriorityRecord['objectives'][number];
export type MeasureLinkRecord = PriorityRecord['measures'][number];
export type ActionRecord = PriorityRecord['actions'][number];
export type KeyPersonRecord = PriorityRecord['keyPersonnel'][number];
export type MeetingRecord = PartnershipRecord['meetings'][number];
export type PartnerUpdateRecord = MeetingRecord['updates'][number];
export type FigureRecord = PartnershipRecord['figures'][number];
export type SectionRecord = NonNullable<PlanRecord['sections']>[number];
export type StrategyRecord = NonNullable<PlanRecord['strategies']>[number];
export type TrendRecord = NonNullable<PlanRecord['trends']>[number];
export type DiscussionRecord = NonNullable<MeetingRecord['discussion']>[number];
export type ContactRecord = NonNullable<PartnershipRecord['contacts']>[number];
export type DecisionRecord = NonNullable<PartnershipRecord['decisions']>[number];

export interface ReferenceData {
  documents: SourceDocumentRecord[];
  themes: ThemeRecord[];
  datasets: DatasetRecord[];
  measures: MeasureRecord[];
  organisations: OrganisationRecord[];
  partnerships: PartnershipRecord[];
}
