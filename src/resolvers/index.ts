import { ActionResolver } from './action.resolver';
import { AlertResolver } from './alert.resolver';
import { AreaResolver } from './area.resolver';
import { CatalogueResolver } from './catalogue.resolver';
import { ComparisonResolver } from './comparison.resolver';
import { GovernanceGroupResolver } from './governance-group.resolver';
import { DatasetResolver, IngestRunResolver } from './ingest-run.resolver';
import { MeasureLinkResolver } from './measure-link.resolver';
import { MeasureResolver } from './measure.resolver';
import { MeetingReportResolver, PartnerUpdateResolver } from './meeting-report.resolver';
import { MembershipResolver } from './membership.resolver';
import { ObjectiveResolver } from './objective.resolver';
import { ObservationResolver } from './observation.resolver';
import { OrganisationResolver } from './organisation.resolver';
import { PartnershipResolver } from './partnership.resolver';
import { PlanResolver } from './plan.resolver';
import { PriorityResolver } from './priority.resolver';
import { SeriesResolver } from './series.resolver';
import { SpcResolver } from './spc.resolver';
import { SubmissionResolver } from './submission.resolver';
import { ThemeResolver } from './theme.resolver';
import { ViewerResolver } from './viewer.resolver';
import { KeyPersonResolver } from './key-person.resolver';
import { PlanSectionResolver } from './plan-section.resolver';
import { SourceDocumentResolver } from './source-document.resolver';
import { StrategyResolver } from './strategy.resolver';
import { TrendStatementResolver } from './trend-statement.resolver';

export const RESOLVERS = [
  PartnershipResolver,
  PlanResolver,
  PriorityResolver,
  ObjectiveResolver,
  MeasureLinkResolver,
  ActionResolver,
  ThemeResolver,
  AreaResolver,
  MeasureResolver,
  OrganisationResolver,
  MembershipResolver,
  GovernanceGroupResolver,
  MeetingReportResolver,
  PartnerUpdateResolver,
  ObservationResolver,
  CatalogueResolver,
  IngestRunResolver,
  DatasetResolver,
  SpcResolver,
  SeriesResolver,
  AlertResolver,
  ComparisonResolver,
  ViewerResolver,
  SubmissionResolver,
  KeyPersonResolver,
  PlanSectionResolver,
  StrategyResolver,
  TrendStatementResolver,
  SourceDocumentResolver,
] as const;
