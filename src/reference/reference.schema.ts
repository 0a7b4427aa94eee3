import { z } from 'zod';
import {
  ActionStatus,
  ContactKind,
  DocumentKind,
  FieldBasis,
  Frequency,
  GroupType,
  LinkBasis,
  MeasureAccess,
  OrganisationType,
  PlanStatus,
  Polarity,
  TrendDirection,
  Unit,
} from '../domain/enums';
import { GSS_CODE } from '../domain/gss-code';
import { isIsoDate, isPeriod } from '../analytics/period';
import { bool, checked, coded, nullable, number, oneOf, text } from '../errors/zod-problems';

// The shape of the files in data/reference/. They are transcribed by hand from the partnership
// documents, so every record names the document it came from. The loader checks the files
// against these schemas (and reference-check.ts checks the codes they share) before it writes
// anything. The record types in reference.types.ts are inferred from these schemas, so the two
// cannot disagree. The titles and descriptions become the JSON Schema for plan files
// (docs/plan-file.schema.json, npm run schema:plan-file) that an editor uses to help a council.
// Enum-typed fields hold the enum's values, e.g. "DISTRICT".

const gss = coded(GSS_CODE, 'a GSS code such as E07000088').meta({
  description: 'An ONS (GSS) area code: a letter for the nation and eight digits, e.g. E07000088 (Gosport).',
  examples: ['E07000088'],
});
const slug = coded(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'a kebab-case id').meta({
  description: 'A lower-case id with dashes, e.g. gosport-csp-board.',
});
const measureCode = coded(/^[a-z]+\.[a-z0-9]+([.-][a-z0-9]+)*$/, 'a measure code source.name').meta({
  description:
    'A measure code: its source, a dot, then its name, e.g. police.anti-social-behaviour (see data/reference/measures/).',
  examples: ['police.anti-social-behaviour'],
});
const themeCode = coded(/^[A-Z][A-Z_]*$/, 'a theme code such as DOMESTIC_ABUSE').meta({
  description: 'A theme code from data/reference/themes.json, e.g. DOMESTIC_ABUSE.',
  examples: ['DOMESTIC_ABUSE'],
});
const isoDate = checked(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, isIsoDate, 'an ISO date YYYY-MM-DD').meta({
  description: 'A date as YYYY-MM-DD, e.g. 2021-03-31.',
});
const period = checked(
  /^\d{4}(-(0[1-9]|1[0-2])|-Q[1-4]|\/\d{2})?$/,
  isPeriod,
  'a period: 2022-02, 2022-Q1, 2021/22 or 2022',
).meta({
  description: 'A month 2022-02, a quarter 2022-Q1, a financial year 2021/22 (April to March) or a year 2022.',
});
const documentId = text.meta({
  title: 'Source document',
  description: 'The id of the document this was read from (an id in data/reference/documents.json).',
});

// What a document states versus what the hub decided: a field of a record with no decision is
// the document's own words (the provenance test checks it against the document's text); a
// decision names the field and says whose word its value is instead, and why.
const decisionSchema = z
  .strictObject({
    field: text.meta({ description: 'The field of this record the decision is about, e.g. "owner", "period".' }),
    basis: oneOf(FieldBasis).meta({
      description:
        "DOCUMENT: the document states it in other words (quote them as the reason). HUB: the hub's choice. INFERRED: worked out from something else.",
    }),
    reason: text.meta({
      description: 'Why: the words quoted (DOCUMENT), the reason (HUB) or what it was inferred from (INFERRED).',
    }),
  })
  .meta({ title: 'Decision', description: "A value that is not the document's own words, and whose it is." });
const decisions = z
  .array(decisionSchema)
  .optional()
  .meta({ description: "Fields of this record whose values are not the document's own words, and whose they are." });

export const documentSchema = z.strictObject({
  id: text,
  title: text,
  publisher: text,
  kind: oneOf(DocumentKind),
  /** Year or date as the document gives it, e.g. "2020", "2021-22". */
  published: nullable(text),
  /** Where it was published, only as the document itself names it (a website); null when it does not say. */
  location: nullable(text),
  summary: text,
  decisions,
});

export const themeSchema = z.strictObject({ code: themeCode, name: text, description: text });

export const datasetSchema = z.strictObject({
  id: slug,
  name: text,
  publisher: text,
  description: text,
  url: nullable(text),
});

export const measureSchema = z.strictObject({
  code: measureCode,
  name: text,
  definition: text,
  unit: oneOf(Unit),
  polarity: oneOf(Polarity),
  frequency: oneOf(Frequency),
  dataset: nullable(slug),
  themes: z.array(themeCode),
  sourceDocument: text.nullable().optional(),
  /** The organisation that owns the figures (its keys may submit them). */
  owner: slug.nullable().optional(),
  /** Who may see its figures; PUBLIC when absent. */
  access: oneOf(MeasureAccess).optional(),
  decisions,
});

export const organisationSchema = z.strictObject({
  id: slug,
  name: text,
  type: oneOf(OrganisationType),
  sourceDocuments: z.array(text),
  note: text.optional(),
  decisions,
});

// From here on, the records of a partnership file: these carry the titles and descriptions an
// editor shows while a council writes its file.

const membershipSchema = z
  .strictObject({
    organisation: slug.meta({ description: 'The id of the organisation (in data/reference/organisations.json).' }),
    role: text.meta({ description: 'Its role, in the words of the document.' }),
    statedAs: nullable(text)
      .optional()
      .meta({ description: 'How the document names the organisation, when not by its name (e.g. "fire service").' }),
    sourceDocument: documentId,
    decisions,
  })
  .meta({ title: 'Membership', description: 'An organisation taking part, and in what role.' });

const groupSchema = z
  .strictObject({
    id: slug.meta({ description: 'A unique id for the group, e.g. gosport-csp-board.' }),
    name: text.meta({ description: 'The group as the document names it.' }),
    type: oneOf(GroupType).meta({ description: 'What kind of group it is.' }),
    chair: nullable(text).meta({ description: 'Who chairs it, if the document says.' }),
    purpose: nullable(text).meta({ description: 'What it is for, in the words of the document.' }),
    parent: nullable(slug).meta({ description: 'The id of the group this one reports to, if the document says.' }),
    alongside: nullable(slug)
      .optional()
      .meta({ description: 'The id of a group this one sits alongside (not under), if the document says.' }),
    places: z
      .array(text)
      .optional()
      .meta({ description: "Places the group covers, as the document names them (a policing team's wards)." }),
    members: z.array(membershipSchema).meta({ description: 'The organisations that sit on the group.' }),
    sourceDocument: documentId,
    decisions,
  })
  .meta({ title: 'Group', description: 'A board, group or forum of the partnership.' });

const linkSchema = z
  .strictObject({
    measure: measureCode,
    label: nullable(text).meta({
      description: 'The plan\'s own label for the measure, e.g. "a)"; null for a HUB link.',
    }),
    basis: oneOf(LinkBasis).meta({
      description: 'PLAN: the plan itself names this measure. HUB: the hub links it, with a note saying why.',
    }),
    note: nullable(text).meta({ description: 'Why the measure is linked: every HUB link should say why.' }),
    polarity: oneOf(Polarity).nullable().optional().meta({
      description: "The plan's own view of which direction is better, when it differs from the measure's.",
    }),
    target: number.nullable().optional().meta({ description: 'A target the plan sets for the measure, if any.' }),
  })
  .meta({ title: 'Measure link', description: 'A measure that shows progress on a priority or objective.' });

const objectiveSchema = z
  .strictObject({
    code: text.meta({ description: 'The objective\'s label in the plan, e.g. "1a"; unique within its priority.' }),
    text: text.meta({ description: 'The objective as the plan words it.' }),
    measures: z.array(linkSchema).meta({ description: 'Measures that show progress on this objective.' }),
    decisions,
  })
  .meta({ title: 'Objective' });

const actionSchema = z
  .strictObject({
    theme: nullable(text).meta({ description: 'The heading the plan puts the action under, if any.' }),
    subTheme: nullable(text).meta({ description: 'The sub-heading, if any.' }),
    text: text.meta({ description: 'The action as the plan words it.' }),
    lead: nullable(text).meta({ description: 'Who leads it, as the plan writes it.' }),
    leadOrganisation: nullable(slug).meta({
      description: 'The id of the leading organisation (in data/reference/organisations.json), if known.',
    }),
    deadline: nullable(text).meta({ description: 'The deadline as written, e.g. "December 2020", "Feb-March 2021".' }),
    dueDate: nullable(isoDate).meta({
      description: "The last day of the deadline's month, YYYY-MM-DD; null when no deadline is given.",
    }),
    status: oneOf(ActionStatus).meta({
      description: 'OPEN: no progress reported yet. Overdue is not a status: the hub works it out from the due date.',
    }),
    decisions,
  })
  .meta({ title: 'Action', description: 'Something the plan says a partner will do.' });

const keyPersonSchema = z
  .strictObject({
    name: text.meta({ description: 'The name (or post) as the plan gives it.' }),
    role: nullable(text).meta({ description: 'Their role, if the plan says.' }),
    organisation: nullable(slug).optional().meta({
      description: 'The id of the organisation they belong to (data/reference/organisations.json), if known.',
    }),
    decisions,
  })
  .meta({ title: 'Key person' });

const prioritySchema = z
  .strictObject({
    code: text.meta({ description: 'The priority\'s number or label in the plan, e.g. "1"; unique within the plan.' }),
    title: text.meta({ description: 'The priority as the plan names it.' }),
    rationale: nullable(text).meta({ description: 'Why it is a priority, in the words of the plan.' }),
    themes: z.array(themeCode).meta({ description: 'Theme codes (data/reference/themes.json) the priority covers.' }),
    planningGroups: z
      .array(slug)
      .meta({ description: 'Ids of the groups (in this file) that plan and deliver the priority.' }),
    keyPersonnel: z.array(keyPersonSchema).meta({ description: 'People the plan names for the priority.' }),
    objectives: z.array(objectiveSchema).meta({ description: 'The objectives under the priority.' }),
    measures: z.array(linkSchema).meta({ description: 'Measures that show progress on the priority as a whole.' }),
    actions: z.array(actionSchema).meta({ description: 'What the partners will do for it.' }),
    decisions,
  })
  .meta({ title: 'Priority' });

const sectionSchema = z
  .strictObject({
    heading: text.meta({ description: 'The heading the plan puts the text under.' }),
    text: text.meta({ description: "The plan's words, copied (paragraphs separated by a blank line)." }),
    themes: z.array(themeCode).meta({ description: 'Theme codes the text is about.' }),
    places: z.array(text).optional().meta({ description: 'Places the text names, as it names them.' }),
    decisions,
  })
  .meta({
    title: 'Context section',
    description: 'Part of a plan that is context rather than a priority (a section such as road safety, or the area).',
  });

const strategyDateSchema = z
  .strictObject({
    event: text.meta({ description: 'What happened then, in the statement\'s own word, e.g. "approved".' }),
    period: period.meta({ description: 'When, as precisely as the statement says: a month 2020-01 or a year 2019.' }),
  })
  .meta({ title: 'Strategy date' });

const strategySchema = z
  .strictObject({
    id: slug.meta({ description: 'A unique id for the strategy, e.g. portsmouth-domestic-abuse-strategy.' }),
    name: text.meta({ description: 'The strategy (or plan, or profile) as the document names it.' }),
    statement: text.meta({ description: 'The sentence of the document that names it, copied.' }),
    dates: z.array(strategyDateSchema).meta({ description: 'The dates the statement gives it.' }),
    parent: nullable(slug).meta({ description: 'The id of the strategy this one supports, if the document says.' }),
    decisions,
  })
  .meta({ title: 'Related strategy', description: 'Another strategy or plan the plan names, with its dates.' });

const trendSchema = z
  .strictObject({
    subject: text.meta({ description: 'What changed, in the document\'s words, e.g. "Crime levels and rates".' }),
    statement: text.meta({ description: 'The sentence stating the trend, copied.' }),
    direction: oneOf(TrendDirection).meta({ description: 'UP, DOWN or STABLE: which way the statement says it went.' }),
    value: number
      .nullable()
      .meta({ description: 'The size of the change as a percentage, if the statement gives one.' }),
    measure: measureCode.nullable().meta({ description: 'The measure the change is of, if there is one.' }),
    area: gss.nullable().meta({ description: 'The area it is about, if known.' }),
    periodStart: isoDate.meta({ description: 'First day of the period the trend covers.' }),
    periodEnd: isoDate.meta({ description: 'Last day of the period the trend covers.' }),
    decisions,
  })
  .meta({
    title: 'Trend statement',
    description:
      'A change a document states over a period of its own (e.g. "since ... the end of 2004"), not one year.',
  });

const planSchema = z
  .strictObject({
    id: slug.meta({ description: 'A unique id for the plan: the partnership and its years, e.g. gosport-2020-21.' }),
    title: text.meta({ description: 'The plan as the document titles it.' }),
    periodStart: isoDate.meta({ description: 'The first day the plan covers, YYYY-MM-DD.' }),
    periodEnd: isoDate.meta({ description: 'The last day the plan covers, YYYY-MM-DD (not before periodStart).' }),
    status: oneOf(PlanStatus).meta({ description: 'PUBLISHED, DRAFT, or SUPERSEDED by a later plan.' }),
    summary: nullable(text).meta({ description: 'What the plan says about itself, in its own words.' }),
    notes: nullable(text).meta({ description: 'Anything else worth keeping, such as how progress is monitored.' }),
    sourceDocument: documentId,
    priorities: z.array(prioritySchema).meta({ description: 'The priorities, in the order the plan gives them.' }),
    keyPeople: z
      .array(keyPersonSchema)
      .optional()
      .meta({ description: 'People the plan names for the plan as a whole (signatories, commanders).' }),
    sections: z.array(sectionSchema).optional().meta({ description: 'Context the plan gives outside its priorities.' }),
    strategies: z.array(strategySchema).optional().meta({ description: 'Other strategies and plans it names.' }),
    trends: z.array(trendSchema).optional().meta({ description: 'Trends it states over periods of their own.' }),
    decisions,
  })
  .meta({ title: 'Plan', description: 'A community safety plan: its period, priorities, objectives and actions.' });

const updateSchema = z
  .strictObject({
    heading: text.meta({ description: 'The heading of the update in the minutes.' }),
    organisation: slug.meta({ description: 'The id of the organisation reporting.' }),
    speaker: nullable(text).meta({ description: 'Who gave the update, if the minutes say.' }),
    attended: bool.meta({ description: 'Whether the organisation attended the meeting.' }),
    summary: text.meta({ description: 'What the update said, in the words of the minutes.' }),
    decisions,
  })
  .meta({ title: 'Partner update' });

const discussionSchema = z
  .strictObject({
    raisedBy: nullable(text).meta({ description: 'Who raised it, as the minutes say (e.g. "Councillors").' }),
    text: text.meta({ description: 'The item as the minutes record it, copied.' }),
  })
  .meta({ title: 'Discussion item', description: 'A question, answer or point recorded in the discussion.' });

const meetingSchema = z
  .strictObject({
    id: slug.meta({ description: 'A unique id for the meeting.' }),
    title: text.meta({ description: 'The meeting as the minutes title it.' }),
    group: nullable(slug).meta({ description: 'The id of the group that met (in this file), if known.' }),
    period: nullable(text).meta({ description: 'The period the report covers, as written.' }),
    date: nullable(isoDate).meta({ description: 'The date of the meeting, YYYY-MM-DD, if known.' }),
    sourceDocument: documentId,
    updates: z.array(updateSchema).meta({ description: 'The partner updates given at the meeting.' }),
    discussion: z
      .array(discussionSchema)
      .optional()
      .meta({ description: 'The discussion the minutes record after the updates, item by item.' }),
    decisions,
  })
  .meta({ title: 'Meeting', description: 'A meeting report with partner updates.' });

const figureSchema = z
  .strictObject({
    measure: measureCode,
    area: gss,
    period,
    value: number.meta({ description: 'The figure as the document quotes it.' }),
    quote: text.meta({ description: 'The words of the document the figure is read from, copied.' }),
    note: nullable(text).meta({ description: "The hub's caveats, if any." }),
    sourceDocument: documentId,
    decisions,
  })
  .meta({ title: 'Quoted figure', description: 'A figure a document quotes: one measure, area and period.' });

export const partnershipSchema = z
  .strictObject({
    // An editor finds the JSON Schema through this key; the hub itself has no use for it.
    $schema: z.string().optional().meta({ description: 'The JSON Schema this file follows, for editors.' }),
    slug: slug.meta({ description: 'The partnership id, also the file name: partnerships/<slug>.json.' }),
    name: text.meta({ description: 'The partnership as it names itself.' }),
    description: text.meta({ description: 'What the partnership is and who it brings together.' }),
    areas: z
      .array(gss)
      .meta({ description: 'The districts it covers, as GSS codes (areas of data/geography/, e.g. E07000088).' }),
    sourceDocuments: z
      .array(text)
      .meta({ description: 'Ids of the documents this file was transcribed from (data/reference/documents.json).' }),
    memberships: z.array(membershipSchema).meta({ description: 'The organisations in the partnership.' }),
    groups: z.array(groupSchema).meta({ description: 'Its boards, groups and forums.' }),
    plans: z.array(planSchema).meta({ description: 'Its community safety plans.' }),
    meetings: z.array(meetingSchema).meta({ description: 'Meeting reports, with partner updates.' }),
    figures: z.array(figureSchema).meta({ description: 'Figures the documents quote.' }),
    contacts: z
      .array(
        z
          .strictObject({
            kind: oneOf(ContactKind).meta({ description: 'WEBSITE, EMAIL or PHONE.' }),
            value: text.meta({ description: 'The address or number as the document prints it.' }),
            sourceDocument: documentId,
          })
          .meta({ title: 'Contact', description: 'A website, email address or telephone number the documents give.' }),
      )
      .optional()
      .meta({ description: 'How to reach the partnership, as its documents give it.' }),
    decisions,
  })
  .meta({
    title: 'Community safety partnership plan file',
    description:
      'One partnership of the Community Safety Data Hub: data/reference/partnerships/<slug>.json. Every record names the document it was read from.',
  });
