import type { DataSource } from 'typeorm';
import {
  Action,
  Area,
  AreaParent,
  Dataset,
  DiscussionItem,
  FieldDecision,
  GovernanceGroup,
  KeyPerson,
  Measure,
  MeasureLink,
  MeasureTheme,
  MeetingReport,
  Membership,
  Objective,
  ObservationRevision,
  CompetingFigure,
  Organisation,
  PartnerUpdate,
  Partnership,
  PartnershipArea,
  PartnershipContact,
  Plan,
  PlanSection,
  Priority,
  PriorityGroup,
  PriorityTheme,
  SectionTheme,
  SourceDocument,
  Strategy,
  StrategyDate,
  Theme,
  TrendStatement,
} from '../entities';
import { byKey, groupedBy, through } from './loader-factories';
import { areaAncestorsLoader } from './area-ancestors.loader';
import { partnershipAreaLoader } from './partnership-area.loader';
import { lastRunLoader } from './last-run.loader';
import { latestObservationLoader } from './latest-observation.loader';
import { observationPagesLoader, type VisibilityScope } from './observation-pages.loader';
import { rejectedRowsLoader } from './rejected-rows.loader';
import { POPULATION } from '../services/series.service';
import { themeMeasuresLoader } from './theme-measures.loader';

/**
 * The DataLoaders of one request. Built per request so nothing is cached across requests.
 * Each relation path has loaders of its own: a loader shared by two paths would merge their
 * batches only when their round trips happen to end in the same tick, which makes the number
 * of statements vary from run to run on a networked store.
 *
 * A loader is built the first time a resolver asks for it: a request uses a handful of the
 * fifty, and building all of them was about 5% of a `{ __typename }` request's CPU in a profile.
 */
interface LoaderScope {
  ds: DataSource;
  scope: VisibilityScope;
}

const areas = ({ ds }: LoaderScope) => byKey<Area, string>(ds.manager, Area, 'code');
const themes = ({ ds }: LoaderScope) => byKey<Theme, string>(ds.manager, Theme, 'code');
const measures = ({ ds }: LoaderScope) => byKey<Measure, string>(ds.manager, Measure, 'code');
const priorities = ({ ds }: LoaderScope) => byKey<Priority, string>(ds.manager, Priority, 'id');
const groups = ({ ds }: LoaderScope) => byKey<GovernanceGroup, string>(ds.manager, GovernanceGroup, 'id');
const priorityLinks = ({ ds }: LoaderScope) =>
  groupedBy<MeasureLink, string>(ds.manager, MeasureLink, 'priorityId', { position: 'ASC' }, [
    { column: 'objectiveId', isNull: true },
  ]);
const objectiveLinks = ({ ds }: LoaderScope) =>
  groupedBy<MeasureLink, string>(ds.manager, MeasureLink, 'objectiveId', { position: 'ASC' });

/** How each loader is built, by name. */
const FACTORIES = {
  area: areas,
  theme: themes,
  measure: measures,
  priority: priorities,
  group: groups,
  partnership: ({ ds }: LoaderScope) => byKey<Partnership, string>(ds.manager, Partnership, 'slug'),
  plan: ({ ds }: LoaderScope) => byKey<Plan, string>(ds.manager, Plan, 'id'),
  objective: ({ ds }: LoaderScope) => byKey<Objective, string>(ds.manager, Objective, 'id'),
  organisation: ({ ds }: LoaderScope) => byKey<Organisation, string>(ds.manager, Organisation, 'id'),
  dataset: ({ ds }: LoaderScope) => byKey<Dataset, string>(ds.manager, Dataset, 'id'),
  document: ({ ds }: LoaderScope) => byKey<SourceDocument, string>(ds.manager, SourceDocument, 'id'),
  meeting: ({ ds }: LoaderScope) => byKey<MeetingReport, string>(ds.manager, MeetingReport, 'id'),
  plansByPartnership: ({ ds }: LoaderScope) =>
    groupedBy<Plan, string>(ds.manager, Plan, 'partnershipSlug', { periodStart: 'ASC', id: 'ASC' }),
  groupsByPartnership: ({ ds }: LoaderScope) =>
    groupedBy<GovernanceGroup, string>(ds.manager, GovernanceGroup, 'partnershipSlug', { id: 'ASC' }),
  meetingsByPartnership: ({ ds }: LoaderScope) =>
    groupedBy<MeetingReport, string>(ds.manager, MeetingReport, 'partnershipSlug', { id: 'ASC' }),
  meetingsByGroup: ({ ds }: LoaderScope) =>
    groupedBy<MeetingReport, string>(ds.manager, MeetingReport, 'groupId', { id: 'ASC' }),
  membershipsByPartnership: ({ ds }: LoaderScope) =>
    groupedBy<Membership, string>(ds.manager, Membership, 'partnershipSlug', { position: 'ASC' }, [
      { column: 'groupId', isNull: true },
    ]),
  membershipsByGroup: ({ ds }: LoaderScope) =>
    groupedBy<Membership, string>(ds.manager, Membership, 'groupId', { position: 'ASC' }),
  membershipsByOrganisation: ({ ds }: LoaderScope) =>
    groupedBy<Membership, string>(ds.manager, Membership, 'organisationId', { id: 'ASC' }),
  prioritiesByPlan: ({ ds }: LoaderScope) =>
    groupedBy<Priority, string>(ds.manager, Priority, 'planId', { position: 'ASC' }),
  objectivesByPriority: ({ ds }: LoaderScope) =>
    groupedBy<Objective, string>(ds.manager, Objective, 'priorityId', { position: 'ASC' }),
  actionsByPriority: ({ ds }: LoaderScope) =>
    groupedBy<Action, string>(ds.manager, Action, 'priorityId', { position: 'ASC' }),
  actionsByPlan: ({ ds }: LoaderScope) =>
    groupedBy<Action, string>(ds.manager, Action, 'planId', { priorityId: 'ASC', position: 'ASC' }),
  keyPeopleByPriority: ({ ds }: LoaderScope) =>
    groupedBy<KeyPerson, string>(ds.manager, KeyPerson, 'priorityId', { position: 'ASC' }),
  keyPeopleByPlan: ({ ds }: LoaderScope) =>
    groupedBy<KeyPerson, string>(ds.manager, KeyPerson, 'planId', { position: 'ASC' }, [
      { column: 'priorityId', isNull: true },
    ]),
  sectionsByPlan: ({ ds }: LoaderScope) =>
    groupedBy<PlanSection, string>(ds.manager, PlanSection, 'planId', { position: 'ASC' }),
  strategiesByPlan: ({ ds }: LoaderScope) =>
    groupedBy<Strategy, string>(ds.manager, Strategy, 'planId', { position: 'ASC' }),
  strategy: ({ ds }: LoaderScope) => byKey<Strategy, string>(ds.manager, Strategy, 'id'),
  datesByStrategy: ({ ds }: LoaderScope) =>
    groupedBy<StrategyDate, string>(ds.manager, StrategyDate, 'strategyId', { position: 'ASC' }),
  trendsByPlan: ({ ds }: LoaderScope) =>
    groupedBy<TrendStatement, string>(ds.manager, TrendStatement, 'planId', { position: 'ASC' }),
  discussionByMeeting: ({ ds }: LoaderScope) =>
    groupedBy<DiscussionItem, string>(ds.manager, DiscussionItem, 'meetingId', { position: 'ASC' }),
  contactsByPartnership: ({ ds }: LoaderScope) =>
    groupedBy<PartnershipContact, string>(ds.manager, PartnershipContact, 'partnershipSlug', { position: 'ASC' }),
  decisionsByRecord: ({ ds }: LoaderScope) =>
    groupedBy<FieldDecision, string>(ds.manager, FieldDecision, 'recordKey', { position: 'ASC' }),
  themesBySection: (s: LoaderScope) =>
    through(groupedBy<SectionTheme, string>(s.ds.manager, SectionTheme, 'sectionId'), 'themeCode', themes(s)),
  sectionsByTheme: (s: LoaderScope) =>
    through(
      groupedBy<SectionTheme, string>(s.ds.manager, SectionTheme, 'themeCode'),
      'sectionId',
      byKey<PlanSection, string>(s.ds.manager, PlanSection, 'id'),
    ),
  updatesByMeeting: ({ ds }: LoaderScope) =>
    groupedBy<PartnerUpdate, string>(ds.manager, PartnerUpdate, 'meetingId', { position: 'ASC' }),
  linksByPriority: priorityLinks,
  linksByObjective: objectiveLinks,
  linksByMeasure: ({ ds }: LoaderScope) =>
    groupedBy<MeasureLink, string>(ds.manager, MeasureLink, 'measureCode', { id: 'ASC' }),
  revisionsByObservation: ({ ds }: LoaderScope) =>
    groupedBy<ObservationRevision, number>(ds.manager, ObservationRevision, 'observationId', {
      supersededAt: 'DESC',
      id: 'DESC',
    }),
  otherSourcesByObservation: ({ ds }: LoaderScope) =>
    groupedBy<CompetingFigure, number>(ds.manager, CompetingFigure, 'observationId', {
      retrievedAt: 'DESC',
      id: 'DESC',
    }),
  themesByPriority: (s: LoaderScope) =>
    through(groupedBy<PriorityTheme, string>(s.ds.manager, PriorityTheme, 'priorityId'), 'themeCode', themes(s)),
  prioritiesByTheme: (s: LoaderScope) =>
    through(groupedBy<PriorityTheme, string>(s.ds.manager, PriorityTheme, 'themeCode'), 'priorityId', priorities(s)),
  measuresByPriority: (s: LoaderScope) => through(priorityLinks(s), 'measureCode', measures(s)),
  measuresByObjective: (s: LoaderScope) => through(objectiveLinks(s), 'measureCode', measures(s)),
  themesByMeasure: (s: LoaderScope) =>
    through(groupedBy<MeasureTheme, string>(s.ds.manager, MeasureTheme, 'measureCode'), 'themeCode', themes(s)),
  areasByPartnership: (s: LoaderScope) =>
    through(groupedBy<PartnershipArea, string>(s.ds.manager, PartnershipArea, 'partnershipSlug'), 'areaCode', areas(s)),
  parentsOfArea: (s: LoaderScope) =>
    through(groupedBy<AreaParent, string>(s.ds.manager, AreaParent, 'childCode'), 'parentCode', areas(s)),
  childrenOfArea: (s: LoaderScope) =>
    through(groupedBy<AreaParent, string>(s.ds.manager, AreaParent, 'parentCode'), 'childCode', areas(s)),
  planningGroupsByPriority: (s: LoaderScope) =>
    through(groupedBy<PriorityGroup, string>(s.ds.manager, PriorityGroup, 'priorityId'), 'groupId', groups(s)),
  prioritiesByGroup: (s: LoaderScope) =>
    through(groupedBy<PriorityGroup, string>(s.ds.manager, PriorityGroup, 'groupId'), 'priorityId', priorities(s)),
  partnershipsByArea: (s: LoaderScope) =>
    through(
      areaAncestorsLoader(s.ds),
      'partnershipSlug',
      byKey<Partnership, string>(s.ds.manager, Partnership, 'slug'),
    ),
  partnershipArea: ({ ds }: LoaderScope) => partnershipAreaLoader(ds),
  measuresByTheme: (s: LoaderScope) => themeMeasuresLoader(s.ds, measures(s)),
  latestPopulation: ({ ds }: LoaderScope) => latestObservationLoader(ds, POPULATION),
  observationsByArea: ({ ds, scope }: LoaderScope) => observationPagesLoader(ds, 'area', scope),
  observationsByMeasure: ({ ds, scope }: LoaderScope) => observationPagesLoader(ds, 'measure', scope),
  observationsByPartnership: ({ ds, scope }: LoaderScope) => observationPagesLoader(ds, 'partnership', scope),
  lastRun: ({ ds }: LoaderScope) => lastRunLoader(ds),
  rejectedRowsByRun: ({ ds, scope }: LoaderScope) => rejectedRowsLoader(ds, scope.organisationId),
};

type Factories = typeof FACTORIES;

export type Loaders = { readonly [K in keyof Factories]: ReturnType<Factories[K]> };

/**
 * One getter per loader on a shared prototype, written once: the first read builds the loader
 * and puts it on the request's own object, so later reads are plain property reads.
 */
const LAZY_LOADERS: object = (() => {
  const proto = {};
  for (const name of Object.keys(FACTORIES) as Array<keyof Factories>) {
    Object.defineProperty(proto, name, {
      get(this: LoaderScope) {
        const loader = FACTORIES[name](this);
        Object.defineProperty(this, name, { value: loader, enumerable: true });
        return loader;
      },
    });
  }
  return proto;
})();

export function createLoaders(ds: DataSource, scope: VisibilityScope): Loaders {
  const own: LoaderScope = Object.create(LAZY_LOADERS) as LoaderScope;
  own.ds = ds;
  own.scope = scope;
  return own as unknown as Loaders;
}
