import type { DataSource } from 'typeorm';
import {
  Action, Area, AreaParent, Dataset, GovernanceGroup, KeyPerson, Measure, MeasureLink, MeasureTheme, MeetingReport,
  Membership, Objective, ObservationRevision, Organisation, PartnerUpdate, Partnership, PartnershipArea,
  Plan, Priority, PriorityGroup, PriorityTheme, SourceDocument, Theme,
} from '../entities';
import { byKey, groupedBy, through } from './loader-factories';
import { areaAncestorsLoader } from './area-ancestors.loader';
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
 */
export function createLoaders(ds: DataSource, scope: VisibilityScope) {
  const m = ds.manager;
  const areas = () => byKey<Area, string>(m, Area, 'code');
  const themes = () => byKey<Theme, string>(m, Theme, 'code');
  const measures = () => byKey<Measure, string>(m, Measure, 'code');
  const priorities = () => byKey<Priority, string>(m, Priority, 'id');
  const groups = () => byKey<GovernanceGroup, string>(m, GovernanceGroup, 'id');
  const priorityLinks = () => groupedBy<MeasureLink, string>(m, MeasureLink, 'priorityId', { position: 'ASC' }, [{ column: 'objectiveId', isNull: true }]);
  const objectiveLinks = () => groupedBy<MeasureLink, string>(m, MeasureLink, 'objectiveId', { position: 'ASC' });

  return {
    area: areas(),
    theme: themes(),
    measure: measures(),
    priority: priorities(),
    group: groups(),
    partnership: byKey<Partnership, string>(m, Partnership, 'slug'),
    plan: byKey<Plan, string>(m, Plan, 'id'),
    objective: byKey<Objective, string>(m, Objective, 'id'),
    organisation: byKey<Organisation, string>(m, Organisation, 'id'),
    dataset: byKey<Dataset, string>(m, Dataset, 'id'),
    document: byKey<SourceDocument, string>(m, SourceDocument, 'id'),
    meeting: byKey<MeetingReport, string>(m, MeetingReport, 'id'),
    plansByPartnership: groupedBy<Plan, string>(m, Plan, 'partnershipSlug', { periodStart: 'ASC', id: 'ASC' }),
    groupsByPartnership: groupedBy<GovernanceGroup, string>(m, GovernanceGroup, 'partnershipSlug', { id: 'ASC' }),
    meetingsByPartnership: groupedBy<MeetingReport, string>(m, MeetingReport, 'partnershipSlug', { id: 'ASC' }),
    meetingsByGroup: groupedBy<MeetingReport, string>(m, MeetingReport, 'groupId', { id: 'ASC' }),
    membershipsByPartnership: groupedBy<Membership, string>(m, Membership, 'partnershipSlug', { position: 'ASC' }, [{ column: 'groupId', isNull: true }]),
    membershipsByGroup: groupedBy<Membership, string>(m, Membership, 'groupId', { position: 'ASC' }),
    membershipsByOrganisation: groupedBy<Membership, string>(m, Membership, 'organisationId', { id: 'ASC' }),
    prioritiesByPlan: groupedBy<Priority, string>(m, Priority, 'planId', { position: 'ASC' }),
    objectivesByPriority: groupedBy<Objective, string>(m, Objective, 'priorityId', { position: 'ASC' }),
    actionsByPriority: groupedBy<Action, string>(m, Action, 'priorityId', { position: 'ASC' }),
    actionsByPlan: groupedBy<Action, string>(m, Action, 'planId', { priorityId: 'ASC', position: 'ASC' }),
    keyPeopleByPriority: groupedBy<KeyPerson, string>(m, KeyPerson, 'priorityId', { position: 'ASC' }),
    updatesByMeeting: groupedBy<PartnerUpdate, string>(m, PartnerUpdate, 'meetingId', { position: 'ASC' }),
    linksByPriority: priorityLinks(),
    linksByObjective: objectiveLinks(),
    linksByMeasure: groupedBy<MeasureLink, string>(m, MeasureLink, 'measureCode', { id: 'ASC' }),
    revisionsByObservation: groupedBy<ObservationRevision, number>(m, ObservationRevision, 'observationId', { supersededAt: 'DESC' }),
    themesByPriority: through(groupedBy<PriorityTheme, string>(m, PriorityTheme, 'priorityId'), 'themeCode', themes()),
    prioritiesByTheme: through(groupedBy<PriorityTheme, string>(m, PriorityTheme, 'themeCode'), 'priorityId', priorities()),
    measuresByPriority: through(priorityLinks(), 'measureCode', measures()),
    measuresByObjective: through(objectiveLinks(), 'measureCode', measures()),
    themesByMeasure: through(groupedBy<MeasureTheme, string>(m, MeasureTheme, 'measureCode'), 'themeCode', themes()),
    areasByPartnership: through(groupedBy<PartnershipArea, string>(m, PartnershipArea, 'partnershipSlug'), 'areaCode', areas()),
    parentsOfArea: through(groupedBy<AreaParent, string>(m, AreaParent, 'childCode'), 'parentCode', areas()),
    childrenOfArea: through(groupedBy<AreaParent, string>(m, AreaParent, 'parentCode'), 'childCode', areas()),
    planningGroupsByPriority: through(groupedBy<PriorityGroup, string>(m, PriorityGroup, 'priorityId'), 'groupId', groups()),
    prioritiesByGroup: through(groupedBy<PriorityGroup, string>(m, PriorityGroup, 'groupId'), 'priorityId', priorities()),
    partnershipsByArea: through(areaAncestorsLoader(ds), 'partnershipSlug', byKey<Partnership, string>(m, Partnership, 'slug')),
    measuresByTheme: themeMeasuresLoader(ds, measures()),
    latestPopulation: latestObservationLoader(ds, POPULATION),
    observationsByArea: observationPagesLoader(ds, 'area', scope),
    observationsByMeasure: observationPagesLoader(ds, 'measure', scope),
    observationsByPartnership: observationPagesLoader(ds, 'partnership', scope),
    lastRun: lastRunLoader(ds),
    rejectedRowsByRun: rejectedRowsLoader(ds, scope.organisationId),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
