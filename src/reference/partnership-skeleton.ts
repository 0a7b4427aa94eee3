import { AreaType, DocumentKind, FieldBasis, OrganisationType, PlanStatus } from '../domain/enums';
import type { Geography, GeographyArea } from '../geography/geography-build';
import type { PoliceForce } from '../ingest/connectors/police-forces';
import type { DecisionRecord, OrganisationRecord, PartnershipRecord, SourceDocumentRecord } from './reference.types';

// The skeleton of a new partnership's plan file, worked out from the ONS lookups the hub ships
// (data/geography/) and the police forces (data/reference/police-forces.json): which districts
// it covers, and so which councils, police force and fire and rescue service take part. Nothing
// in it is a document's words, so every value carries a decision saying it is the hub's (a
// placeholder, HUB) or read from the lookups (INFERRED): the provenance check accepts the file
// as it is, and a council replacing a placeholder with its plan's words removes that decision.
//
// Pure: the caller reads the geography, the forces and the organisations and writes the files.

/** The reason on every value this builder writes from the lookups. */
export const LOOKUP_REASON = 'written by npm run partnership new from the ONS lookups';
const PLACEHOLDER_REASON =
  'a placeholder written by npm run partnership new: replace it with the words of your plan, and remove this decision';

/** England's community safety partnerships (E22) and Wales's (W14) in the ONS lookup. */
export const PARTNERSHIP_CODE = /^(E22|W14)\d{6}$/;
const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export type SkeletonProblem = 'BAD_CODE' | 'UNKNOWN_CODE' | 'BAD_SLUG' | 'NO_WHOLE_DISTRICT';

/** Why no skeleton was made; the message never repeats what was typed beyond the code's form. */
export class SkeletonError extends Error {
  constructor(
    readonly problem: SkeletonProblem,
    message: string,
  ) {
    super(message);
    this.name = 'SkeletonError';
  }
}

export interface SkeletonInput {
  /** The ONS code of the partnership: E22nnnnnn or W14nnnnnn. */
  code: string;
  /** The file's slug; by default made from the partnership's name. */
  slug?: string;
  geography: Geography;
  policeForces: readonly PoliceForce[];
  /** The organisations already in organisations.json: an existing one is reused, not added again. */
  organisations: readonly OrganisationRecord[];
  /** Today, YYYY-MM-DD: the placeholder plan covers the financial year it falls in. */
  today: string;
}

export interface Skeleton {
  slug: string;
  /** The plan file, as written to partnerships/<slug>.json. */
  partnership: PartnershipRecord;
  /** Organisations to add to organisations.json (those not already there). */
  newOrganisations: OrganisationRecord[];
  /** The placeholder entry for the partnership's plan, to add to documents.json. */
  document: SourceDocumentRecord;
}

/** "Brighton and Hove" -> "brighton-and-hove". */
export function slugOf(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['\u2019]/g, '')
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

const lookup = (field: string): DecisionRecord => ({ field, basis: FieldBasis.INFERRED, reason: LOOKUP_REASON });
const placeholder = (field: string): DecisionRecord => ({
  field,
  basis: FieldBasis.HUB,
  reason: PLACEHOLDER_REASON,
});

interface OrganisationWanted {
  id: string;
  name: string;
  type: OrganisationType;
  /** Names an existing organisation may go by (a district's council may be a city or borough council). */
  matches: (name: string) => boolean;
  /** Why the name is what it is. */
  reason: string;
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function councilOf(area: GeographyArea): OrganisationWanted {
  // The lookup names the district, not its council: an existing "Gloucester City Council" is
  // Gloucester's; a new one is named plainly and marked for the council to correct.
  const pattern = new RegExp(
    `^${escape(area.name)} (city |borough |district |county |metropolitan borough )?council$`,
    'i',
  );
  const county = area.type === AreaType.COUNTY;
  const name = county ? `${area.name} County Council` : `${area.name} Council`;
  return {
    id: slugOf(name),
    name,
    type: OrganisationType.COUNCIL,
    matches: (n) => pattern.test(n),
    reason: `${LOOKUP_REASON}: the council of ${area.name} (${area.code}); the lookup names the ${county ? 'county' : 'district'}, not the council, so correct the name if it differs`,
  };
}

function fireServiceOf(area: GeographyArea): OrganisationWanted {
  const plain = area.name.replace(/ \(to .*\)$/, '');
  const name = `${plain} Fire and Rescue Service`;
  return {
    id: slugOf(name),
    name,
    type: OrganisationType.FIRE_AND_RESCUE,
    matches: (n) => n.toLowerCase() === name.toLowerCase(),
    reason: `${LOOKUP_REASON}: the service of fire and rescue authority ${area.code} (${plain}); correct the name if it differs`,
  };
}

function policeOf(area: GeographyArea, forces: readonly PoliceForce[]): OrganisationWanted {
  const force = forces.find((f) => f.policeForceArea === area.code);
  // Every police force area has its force in police-forces.json; should one be missing, the
  // area's name stands in and the decision says so.
  const name = force?.names[0] ?? `${area.name} police`;
  return {
    id: slugOf(name),
    name,
    type: OrganisationType.POLICE,
    matches: (n) => n.toLowerCase() === name.toLowerCase(),
    reason: `${LOOKUP_REASON}: the force of police force area ${area.code} (data/reference/police-forces.json)`,
  };
}

function financialYear(today: string): { start: string; end: string; label: string } {
  const year = Number(today.slice(0, 4));
  const first = Number(today.slice(5, 7)) >= 4 ? year : year - 1;
  return {
    start: `${first}-04-01`,
    end: `${first + 1}-03-31`,
    label: `${first}-${String(first + 1).slice(2)}`,
  };
}

/** The plan file, organisations and placeholder document for the partnership `input.code`. */
export function buildPartnershipSkeleton(input: SkeletonInput): Skeleton {
  if (!PARTNERSHIP_CODE.test(input.code))
    throw new SkeletonError(
      'BAD_CODE',
      'The partnership code must be an ONS community safety partnership code: E22 and six digits in England, W14 and six digits in Wales.',
    );
  const byCode = new Map(input.geography.areas.map((a) => [a.code, a]));
  const csp = byCode.get(input.code);
  if (!csp || csp.type !== AreaType.COMMUNITY_SAFETY_PARTNERSHIP)
    throw new SkeletonError(
      'UNKNOWN_CODE',
      `No community safety partnership in the ONS lookup has the code ${input.code}.`,
    );
  const districts = input.geography.areas
    .filter((a) => a.type === AreaType.DISTRICT && a.parents.includes(csp.code))
    .sort((a, b) => a.code.localeCompare(b.code));
  if (districts.length === 0)
    throw new SkeletonError(
      'NO_WHOLE_DISTRICT',
      `Partnership ${csp.code} holds no whole district of 2019 (its districts were merged with other partnerships' in 2019), so its areas cannot be worked out: write its file by hand.`,
    );
  const slug = input.slug ?? slugOf(csp.name);
  if (!SLUG.test(slug))
    throw new SkeletonError(
      'BAD_SLUG',
      'The slug must be lower-case letters and digits in words joined by hyphens, e.g. safer-cheltenham.',
    );

  const parentsOfType = (type: AreaType): GeographyArea[] => {
    const codes = new Set(districts.flatMap((d) => d.parents));
    if (type === AreaType.POLICE_FORCE_AREA) for (const p of csp.parents) codes.add(p);
    return [...codes]
      .map((c) => byCode.get(c))
      .filter((a): a is GeographyArea => a !== undefined && a.type === type)
      .sort((a, b) => a.code.localeCompare(b.code));
  };
  const wanted: OrganisationWanted[] = [
    ...districts.map(councilOf),
    ...parentsOfType(AreaType.COUNTY).map(councilOf),
    ...parentsOfType(AreaType.POLICE_FORCE_AREA).map((a) => policeOf(a, input.policeForces)),
    ...parentsOfType(AreaType.FIRE_AND_RESCUE_AUTHORITY).map(fireServiceOf),
  ];

  const document: SourceDocumentRecord = {
    id: `${slug}-plan.txt`,
    title: `${csp.name} community safety plan`,
    publisher: csp.name,
    kind: DocumentKind.PLAN,
    published: null,
    location: null,
    summary: `The community safety plan of ${csp.name} (ONS ${csp.code}), to be transcribed into partnerships/${slug}.json.`,
    decisions: [placeholder('title'), lookup('publisher'), placeholder('summary')],
  };

  const newOrganisations: OrganisationRecord[] = [];
  const memberIds: string[] = [];
  for (const w of wanted) {
    const existing = [...input.organisations, ...newOrganisations].find(
      (o) => o.id === w.id || (o.type === w.type && w.matches(o.name)),
    );
    if (!existing)
      newOrganisations.push({
        id: w.id,
        name: w.name,
        type: w.type,
        sourceDocuments: [],
        note: `Added by npm run partnership new for ${csp.name} (${csp.code}).`,
        decisions: [{ field: 'name', basis: FieldBasis.INFERRED, reason: w.reason }],
      });
    const id = existing?.id ?? w.id;
    if (!memberIds.includes(id)) memberIds.push(id);
  }

  const fy = financialYear(input.today);
  const partnership: PartnershipRecord = {
    $schema: '../../../docs/plan-file.schema.json',
    slug,
    name: csp.name,
    description: `The community safety partnership of ${districts.map((d) => d.name).join(', ')}.`,
    areas: districts.map((d) => d.code),
    sourceDocuments: [document.id],
    memberships: memberIds.map((organisation) => ({
      organisation,
      role: 'Member',
      statedAs: null,
      sourceDocument: document.id,
      decisions: [placeholder('role')],
    })),
    groups: [],
    plans: [
      {
        id: `${slug}-${fy.label}`,
        title: `${csp.name} community safety plan ${fy.label}`,
        periodStart: fy.start,
        periodEnd: fy.end,
        status: PlanStatus.DRAFT,
        summary: null,
        notes: null,
        sourceDocument: document.id,
        priorities: [],
        decisions: [placeholder('title'), placeholder('periodStart'), placeholder('periodEnd'), placeholder('status')],
      },
    ],
    meetings: [],
    figures: [],
    decisions: [lookup('name'), lookup('description')],
  };
  return { slug, partnership, newOrganisations, document };
}
