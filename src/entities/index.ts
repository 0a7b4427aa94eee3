import { DiscussionItem } from './discussion-item.entity';
import { FieldDecision } from './field-decision.entity';
import { PartnershipContact } from './partnership-contact.entity';
import { PlanSection } from './plan-section.entity';
import { SectionTheme } from './section-theme.entity';
import { Strategy } from './strategy.entity';
import { StrategyDate } from './strategy-date.entity';
import { TrendStatement } from './trend-statement.entity';
import { Action } from './action.entity';
import { Alert } from './alert.entity';
import { ApiKey } from './api-key.entity';
import { AreaParent } from './area-parent.entity';
import { Area } from './area.entity';
import { CompetingFigure } from './competing-figure.entity';
import { Dataset } from './dataset.entity';
import { GovernanceGroup } from './governance-group.entity';
import { IngestRun } from './ingest-run.entity';
import { JobLock } from './job-lock.entity';
import { KeyPerson } from './key-person.entity';
import { MeasureSummary } from './measure-summary.entity';
import { MeasureLink } from './measure-link.entity';
import { MeasureTheme } from './measure-theme.entity';
import { Measure } from './measure.entity';
import { MeetingReport } from './meeting-report.entity';
import { Membership } from './membership.entity';
import { Objective } from './objective.entity';
import { ObservationRevision } from './observation-revision.entity';
import { Observation } from './observation.entity';
import { Organisation } from './organisation.entity';
import { PartnerUpdate } from './partner-update.entity';
import { PartnershipArea } from './partnership-area.entity';
import { Partnership } from './partnership.entity';
import { PendingAftermath } from './pending-aftermath.entity';
import { Plan } from './plan.entity';
import { PriorityGroup } from './priority-group.entity';
import { PriorityTheme } from './priority-theme.entity';
import { Priority } from './priority.entity';
import { ReferenceVersion } from './reference-version.entity';
import { GeographyVersion } from './geography-version.entity';
import { RejectedRow } from './rejected-row.entity';
import { SourceDocument } from './source-document.entity';
import { Theme } from './theme.entity';

export {
  DiscussionItem,
  FieldDecision,
  PartnershipContact,
  PlanSection,
  SectionTheme,
  Strategy,
  StrategyDate,
  TrendStatement,
  Action,
  Alert,
  MeasureSummary,
  ApiKey,
  Area,
  AreaParent,
  CompetingFigure,
  Dataset,
  GovernanceGroup,
  IngestRun,
  JobLock,
  KeyPerson,
  Measure,
  MeasureLink,
  MeasureTheme,
  MeetingReport,
  Membership,
  Objective,
  Observation,
  ObservationRevision,
  Organisation,
  PartnerUpdate,
  Partnership,
  PartnershipArea,
  PendingAftermath,
  Plan,
  Priority,
  PriorityGroup,
  PriorityTheme,
  ReferenceVersion,
  GeographyVersion,
  RejectedRow,
  SourceDocument,
  Theme,
};

export const ENTITIES = [
  SourceDocument,
  Area,
  AreaParent,
  Theme,
  Dataset,
  Measure,
  MeasureTheme,
  Organisation,
  Partnership,
  PartnershipArea,
  GovernanceGroup,
  Membership,
  Plan,
  Priority,
  PriorityTheme,
  PriorityGroup,
  KeyPerson,
  Objective,
  MeasureLink,
  Action,
  MeetingReport,
  PartnerUpdate,
  DiscussionItem,
  PartnershipContact,
  PlanSection,
  SectionTheme,
  Strategy,
  StrategyDate,
  TrendStatement,
  FieldDecision,
  IngestRun,
  RejectedRow,
  Observation,
  ObservationRevision,
  CompetingFigure,
  PendingAftermath,
  JobLock,
  Alert,
  ApiKey,
  MeasureSummary,
  ReferenceVersion,
  GeographyVersion,
];
