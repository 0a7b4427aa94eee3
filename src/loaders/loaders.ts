import type { DataSource } from 'typeorm';
import { IsNull } from 'typeorm';
import {
  Action, Area, AreaParent, Dataset, GovernanceGroup, KeyPerson, Measure, MeasureLink, MeasureTheme, MeetingReport,
  Membership, Objective, ObservationRevision, Organisation, PartnerUpdate, Partnership, PartnershipArea,
  Plan, Priority, PriorityGroup, PriorityTheme, SourceDocument, Theme,
} from '../entities';
import { byKey, groupedBy, through } from './loader-factories';
import { areaAncestorsLoader } from './area-ancestors.loader';
import { latestObservationLoader } from './latest-observation.loader';
import { observationPagesLoader } from './observation-pages.loader';
import { themeMeasuresLoader } from './theme-measures.loader';

/** The DataLoaders of one request. Built per request so nothing is cached across requests. */
export function createLoaders(ds: DataSource) {
  const m = ds.manager;
  const area = byKey<Area, string>(m, Area, 'code');
  const theme = byKey<Theme, string>(m, Theme, 'code');
  const measure = byKey<Measure, string>(m, Measure, 'code');
  const partnership = byKey<Partnership, string>(m, Partnership, 'slug');
  const priority = byKey<Priority, string>(m, Priority, 'id');
  const group = byKey<GovernanceGroup, string>(m, GovernanceGroup, 'id');
  const priorityThemes = groupedBy<PriorityTheme, string>(m, PriorityTheme, 'priorityId');
  const themePriorities = groupedBy<PriorityTheme, string>(m, PriorityTheme, 'themeCode');
  const priorityLinks = groupedBy<MeasureLink, string>(m, MeasureLink, 'priorityId', { position: 'ASC' }, { objectiveId: IsNull() });
  const objectiveLinks = groupedBy<MeasureLink, string>(m, MeasureLink, 'objectiveId', { position: 'ASC' });
  const measureThemes = groupedBy<MeasureTheme, string>(m, MeasureTheme, 'measureCode');
  const partnershipAreas = groupedBy<PartnershipArea, string>(m, PartnershipArea, 'partnershipSlug');
  const parentsOf = groupedBy<AreaParent, string>(m, AreaParent, 'childCode');
  const childrenOf = groupedBy<AreaParent, string>(m, AreaParent, 'parentCode');
  const priorityGroups = groupedBy<PriorityGroup, string>(m, PriorityGroup, 'priorityId');
  const groupPriorities = groupedBy<PriorityGroup, string>(m, PriorityGroup, 'groupId');
  const ancestors = areaAncestorsLoader(ds);

  return {
    area,
    theme,
    measure,
    partnership,
    priority,
    group,
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
    membershipsByPartnership: groupedBy<Membership, string>(m, Membership, 'partnershipSlug', { position: 'ASC' }, { groupId: IsNull() }),
    membershipsByGroup: groupedBy<Membership, string>(m, Membership, 'groupId', { position: 'ASC' }),
    membershipsByOrganisation: groupedBy<Membership, string>(m, Membership, 'organisationId', { id: 'ASC' }),
    prioritiesByPlan: groupedBy<Priority, string>(m, Priority, 'planId', { position: 'ASC' }),
    objectivesByPriority: groupedBy<Objective, string>(m, Objective, 'priorityId', { position: 'ASC' }),
    actionsByPriority: groupedBy<Action, string>(m, Action, 'priorityId', { position: 'ASC' }),
    actionsByPlan: groupedBy<Action, string>(m, Action, 'planId', { priorityId: 'ASC', position: 'ASC' }),
    keyPeopleByPriority: groupedBy<KeyPerson, string>(m, KeyPerson, 'priorityId', { position: 'ASC' }),
    updatesByMeeting: groupedBy<PartnerUpdate, string>(m, PartnerUpdate, 'meetingId', { position: 'ASC' }),
    linksByPriority: priorityLinks,
    linksByObjective: objectiveLinks,
    linksByMeasure: groupedBy<MeasureLink, string>(m, MeasureLink, 'measureCode', { id: 'ASC' }),
    revisionsByObservation: groupedBy<ObservationRevision, number>(m, ObservationRevision, 'observationId', { supersededAt: 'DESC' }),
    themesByPriority: through(priorityThemes, 'themeCode', theme),
    prioritiesByTheme: through(themePriorities, 'priorityId', priority),
    measuresByPriority: through(priorityLinks, 'measureCode', measure),
    measuresByObjective: through(objectiveLinks, 'measureCode', measure),
    themesByMeasure: through(measureThemes, 'themeCode', theme),
    areasByPartnership: through(partnershipAreas, 'areaCode', area),
    parentsOfArea: through(parentsOf, 'parentCode', area),
    childrenOfArea: through(childrenOf, 'childCode', area),
    planningGroupsByPriority: through(priorityGroups, 'groupId', group),
    prioritiesByGroup: through(groupPriorities, 'priorityId', priority),
    partnershipsByArea: through(ancestors, 'partnershipSlug', partnership),
    measuresByTheme: themeMeasuresLoader(ds, measure),
    latestPopulation: latestObservationLoader(ds, 'ons.population'),
    observationsByArea: observationPagesLoader(ds, 'area_code'),
    observationsByMeasure: observationPagesLoader(ds, 'measure_code'),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
