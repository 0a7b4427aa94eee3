import { registerEnumType } from 'type-graphql';

// The domain's closed vocabularies. Stored as plain strings (portable across stores),
// exposed as GraphQL enums, validated on every way in.

export enum AreaType {
  LSOA = 'LSOA',
  MSOA = 'MSOA',
  WARD = 'WARD',
  DISTRICT = 'DISTRICT',
  COUNTY = 'COUNTY',
  POLICE_FORCE_AREA = 'POLICE_FORCE_AREA',
  FIRE_AND_RESCUE_AUTHORITY = 'FIRE_AND_RESCUE_AUTHORITY',
  COMMUNITY_SAFETY_PARTNERSHIP = 'COMMUNITY_SAFETY_PARTNERSHIP',
  REGION = 'REGION',
  COUNTRY = 'COUNTRY',
}

export enum OrganisationType {
  POLICE = 'POLICE',
  POLICING_BODY = 'POLICING_BODY',
  FIRE_AND_RESCUE = 'FIRE_AND_RESCUE',
  COUNCIL = 'COUNCIL',
  HEALTH = 'HEALTH',
  PROBATION = 'PROBATION',
  YOUTH_JUSTICE = 'YOUTH_JUSTICE',
  HOUSING = 'HOUSING',
  MILITARY = 'MILITARY',
  EDUCATION = 'EDUCATION',
  VOLUNTARY = 'VOLUNTARY',
  BUSINESS = 'BUSINESS',
  PARTNERSHIP = 'PARTNERSHIP',
  OTHER = 'OTHER',
}

export enum GroupType {
  BOARD = 'BOARD',
  LEADERSHIP_GROUP = 'LEADERSHIP_GROUP',
  STEERING_GROUP = 'STEERING_GROUP',
  ACTION_GROUP = 'ACTION_GROUP',
  PLANNING_GROUP = 'PLANNING_GROUP',
  OPERATIONAL_GROUP = 'OPERATIONAL_GROUP',
  SCRUTINY_COMMITTEE = 'SCRUTINY_COMMITTEE',
  FORUM = 'FORUM',
  PANEL = 'PANEL',
  PARTNERSHIP = 'PARTNERSHIP',
  LOCAL_POLICING_TEAM = 'LOCAL_POLICING_TEAM',
}

export enum PlanStatus {
  PUBLISHED = 'PUBLISHED',
  DRAFT = 'DRAFT',
  SUPERSEDED = 'SUPERSEDED',
}

export enum ActionStatus {
  OPEN = 'OPEN',
  IN_PROGRESS = 'IN_PROGRESS',
  DONE = 'DONE',
  DROPPED = 'DROPPED',
}

export enum Polarity {
  LOWER_IS_BETTER = 'LOWER_IS_BETTER',
  HIGHER_IS_BETTER = 'HIGHER_IS_BETTER',
  NO_JUDGEMENT = 'NO_JUDGEMENT',
}

export enum Frequency {
  MONTH = 'MONTH',
  QUARTER = 'QUARTER',
  FINANCIAL_YEAR = 'FINANCIAL_YEAR',
  YEAR = 'YEAR',
}

export enum Unit {
  COUNT = 'COUNT',
  RATE_PER_1000 = 'RATE_PER_1000',
  RATE_PER_100000 = 'RATE_PER_100000',
  PERCENTAGE = 'PERCENTAGE',
  PERCENTAGE_CHANGE = 'PERCENTAGE_CHANGE',
  RANK = 'RANK',
  AMOUNT_GBP = 'AMOUNT_GBP',
  DAILY_AVERAGE = 'DAILY_AVERAGE',
}

export enum LinkBasis {
  PLAN = 'PLAN',
  HUB = 'HUB',
}

/**
 * Whose word a value is. A value with no decision is the document's own; a decision says the
 * document states it in other words (DOCUMENT, the reason quoting them), the hub chose it (HUB)
 * or the hub worked it out from something else (INFERRED, the reason saying from what).
 */
export enum FieldBasis {
  DOCUMENT = 'DOCUMENT',
  HUB = 'HUB',
  INFERRED = 'INFERRED',
}

/** Which way a trend a document states has gone. */
export enum TrendDirection {
  UP = 'UP',
  DOWN = 'DOWN',
  STABLE = 'STABLE',
}

/** How a partnership can be reached, as its documents give it. */
export enum ContactKind {
  WEBSITE = 'WEBSITE',
  EMAIL = 'EMAIL',
  PHONE = 'PHONE',
}

export enum DocumentKind {
  PLAN = 'PLAN',
  PRIORITIES = 'PRIORITIES',
  MINUTES = 'MINUTES',
}

/** Who may see a measure's figures (see the GraphQL description). */
export enum MeasureAccess {
  PUBLIC = 'PUBLIC',
  SUPPRESSED = 'SUPPRESSED',
  RESTRICTED = 'RESTRICTED',
}

export enum RunStatus {
  RUNNING = 'RUNNING',
  SUCCEEDED = 'SUCCEEDED',
  FAILED = 'FAILED',
}

/** Why a figure's shown value was replaced (see ObservationRevision). */
export enum RevisionReason {
  REVISED = 'REVISED',
  OTHER_SOURCE = 'OTHER_SOURCE',
  WITHDRAWN = 'WITHDRAWN',
}

/** Whether an alert still stands on the figures as they are now. */
export enum AlertState {
  ACTIVE = 'ACTIVE',
  RETRACTED = 'RETRACTED',
}

registerEnumType(AreaType, {
  name: 'AreaType',
  description:
    'Kind of area. DISTRICT covers lower-tier districts and unitary authorities (ONS local authority districts). LSOA and MSOA are the 2011 lower and middle layer super output areas (census small areas).',
});
registerEnumType(OrganisationType, { name: 'OrganisationType' });
registerEnumType(GroupType, { name: 'GroupType', description: 'Kind of governance group in a partnership.' });
registerEnumType(PlanStatus, { name: 'PlanStatus' });
registerEnumType(ActionStatus, {
  name: 'ActionStatus',
  description: 'OPEN: no progress reported yet. Overdue is not a status: it is derived from the due date.',
});
registerEnumType(Polarity, { name: 'Polarity', description: 'Which direction of change is an improvement.' });
registerEnumType(Frequency, {
  name: 'Frequency',
  description:
    'Period granularity: MONTH 2022-02, QUARTER 2022-Q1, FINANCIAL_YEAR 2021/22 (April to March), YEAR 2022.',
});
registerEnumType(Unit, { name: 'Unit' });
registerEnumType(LinkBasis, {
  name: 'LinkBasis',
  description: 'PLAN: the plan itself names this measure. HUB: the hub links it, with a note saying why.',
});
registerEnumType(DocumentKind, { name: 'DocumentKind' });
registerEnumType(FieldBasis, {
  name: 'FieldBasis',
  description: "Whose word a value is. A value without a decision is the document's own words.",
  valuesConfig: {
    DOCUMENT: { description: 'The document states it in other words; the reason quotes them.' },
    HUB: { description: "The hub's decision, not the document's; the reason says why." },
    INFERRED: { description: 'Worked out by the hub, not stated by the document; the reason says from what.' },
  },
});
registerEnumType(TrendDirection, { name: 'TrendDirection', description: 'Which way a stated trend has gone.' });
registerEnumType(ContactKind, { name: 'ContactKind' });
registerEnumType(RunStatus, { name: 'RunStatus' });
registerEnumType(RevisionReason, {
  name: 'RevisionReason',
  description: 'Why a value stopped being the one shown.',
  valuesConfig: {
    REVISED: { description: 'The same source delivered a different value for the figure.' },
    OTHER_SOURCE: {
      description:
        "Another source (a connector, a partner submission, a plan) changed its value later; this one is still the first source's latest word, so the figure has a conflict while they differ.",
    },
    WITHDRAWN: { description: 'The organisation that submitted it withdrew it.' },
  },
});
registerEnumType(AlertState, {
  name: 'AlertState',
  description: 'ACTIVE while the figures still show the signal; RETRACTED once a revision or withdrawal removed it.',
});
registerEnumType(MeasureAccess, {
  name: 'MeasureAccess',
  description: "Who may see a measure's figures. Its metadata (name, definition, unit) is public whatever the access.",
  valuesConfig: {
    PUBLIC: { description: 'Everyone sees every figure.' },
    SUPPRESSED: {
      description:
        'Derived from restricted data: members of a partnership covering the area (and the owner) see every figure; everyone else sees counts under the small-count threshold suppressed, and no total that contains one.',
    },
    RESTRICTED: {
      description:
        'Only keys of member organisations of a partnership covering the area (and of the owner) see figures; everyone else sees none, not even in totals, series, scorecards, comparisons, alerts or exports.',
    },
  },
});
