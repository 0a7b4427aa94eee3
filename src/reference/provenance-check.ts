import { FieldBasis, MeasureAccess, Polarity } from '../domain/enums';
import { parsePeriod } from '../analytics/period';
import type {
  ActionRecord,
  DecisionRecord,
  KeyPersonRecord,
  MembershipRecord,
  PartnershipRecord,
  PlanRecord,
  ReferenceData,
} from './reference.types';

// What a document states versus what the hub decided, checked field by field. Every text,
// figure and date of a record that cites a document must be found in that document's text, or
// the record must carry a decision for the field saying whose word it is instead (HUB: the
// hub's choice; INFERRED: worked out from something else; DOCUMENT: the document says it in
// other words, and the decision's reason quotes them, so that quote is checked in turn).
// Notes (`note`, `notes`) are the hub's own words by name and are not checked. Codes and ids
// are the hub's keys, and enum values (a group's type, a measure's unit) are classifications,
// not statements; neither is checked, except where a value is a claim a document might not
// make: a plan's status, a measure's owner, access and polarity.
//
// Pure: the caller reads the documents (see document-texts.ts) and gets back one line per
// problem, naming the record and field, never the value.

/** Document id -> its text. */
export type DocumentTexts = ReadonlyMap<string, string>;

const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

const NUMBER_WORDS = [
  'zero',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
];

/**
 * The text as compared: markup dropped, every kind of quote, dash and bullet made one, spaces
 * collapsed, lower case (headings are printed in capitals and copied in title case).
 */
export function normaliseForComparison(text: string): string {
  return text
    .replace(/<[^>]*>/g, ' ')
    .replace(/\*\*/g, '')
    .replace(/[\u2018\u2019\u201a\u201b\u2032`]/g, "'")
    .replace(/[\u201c\u201d\u201e\u2033]/g, '"')
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/[\u2022\u00b7]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

/** The parts of a copied text that must each be found: paragraphs, and the runs between elisions. */
function pieces(text: string): string[] {
  return text
    .split(/\n+|\s*(?:\.\.\.|\u2026)\s*/)
    .map((p) => normaliseForComparison(p))
    .filter((p) => p.length > 0);
}

/** Whether every piece of `text` is in one of `docs` (already normalised). */
export function statedIn(text: string, docs: readonly string[]): boolean {
  const parts = pieces(text);
  return parts.length > 0 && docs.some((doc) => parts.every((p) => doc.includes(p)));
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The ways a document may print a number. */
function numberForms(value: number): string[] {
  const v = Math.abs(value);
  const forms = new Set<string>([String(v)]);
  if (Number.isInteger(v)) {
    forms.add(v.toLocaleString('en-GB'));
    if (v < NUMBER_WORDS.length) forms.add(NUMBER_WORDS[v] as string);
    if (v >= 1_000_000 && v % 100_000 === 0) forms.add(`${v / 1_000_000} million`);
  }
  return [...forms];
}

/** Whether `text` (normalised) prints `value` (its size: a fall of 4.5% is printed "4.5%"). */
export function numberIn(value: number, text: string): boolean {
  return numberForms(value).some((form) => new RegExp(`(?<![\\d.,])${escape(form)}(?![\\d]|[.,]\\d)`).test(text));
}

/** Whether `text` (normalised) names `period` in one of the ways documents print one. */
export function periodIn(period: string, text: string): boolean {
  const span = parsePeriod(period);
  const year = Number(span.start.slice(0, 4));
  switch (span.frequency) {
    case 'YEAR':
      return new RegExp(`(?<!\\d)${year}(?!\\d)`).test(text);
    case 'FINANCIAL_YEAR': {
      const next = year + 1;
      return new RegExp(`(?<!\\d)${year}\\s*[/-]\\s*(${String(next).slice(2)}|${next})(?!\\d)`).test(text);
    }
    case 'MONTH': {
      const month = MONTHS[Number(span.start.slice(5, 7)) - 1] as string;
      return new RegExp(`${month}\\s+${year}(?!\\d)`).test(text);
    }
    default:
      return false;
  }
}

/** Whether `text` (normalised) prints the ISO date, as "1 April 2021" or "1st April 2021". */
function dateIn(iso: string, text: string): boolean {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return new RegExp(`(?<!\\d)${d}(st|nd|rd|th)?\\s+${MONTHS[m - 1] as string}\\s+${y}(?!\\d)`).test(text);
}

/** The due date a deadline as written means: the last day of the last month it names. */
export function dueDateOf(deadline: string): string | null {
  const text = normaliseForComparison(deadline);
  const months = [...text.matchAll(new RegExp(`(${MONTHS.join('|')})\\s+(\\d{4})`, 'g'))];
  const last = months[months.length - 1];
  if (last) return parsePeriod(`${last[2]}-${String(MONTHS.indexOf(last[1] as string) + 1).padStart(2, '0')}`).end;
  const fy = /(\d{4})\/(\d{2})(?!\d)/.exec(text);
  if (fy) return parsePeriod(`${fy[1]}/${fy[2]}`).end;
  return null;
}

interface Scope {
  where: string;
  /** The cited documents' texts, normalised. */
  docs: string[];
  decided: ReadonlyMap<string, DecisionRecord>;
  /** Cited documents whose text is not held: a problem only once a field must be found in them. */
  missing: boolean;
}

class Checker {
  readonly problems: string[] = [];
  private readonly normalised = new Map<string, string>();

  constructor(private readonly texts: DocumentTexts) {}

  scope(where: string, documentIds: ReadonlyArray<string | null | undefined>, decisions?: DecisionRecord[]): Scope {
    const docs: string[] = [];
    let missing = false;
    for (const id of documentIds) {
      if (id === null || id === undefined) continue;
      const text = this.textOf(id);
      if (text === undefined) missing = true;
      else docs.push(text);
    }
    const decided = new Map<string, DecisionRecord>();
    for (const d of decisions ?? []) {
      if (decided.has(d.field)) this.problems.push(`${where}: two decisions for ${d.field}`);
      decided.set(d.field, d);
      // A DOCUMENT decision says the document states it in other words: those words must be there.
      if (d.basis === FieldBasis.DOCUMENT && !statedIn(d.reason, docs)) {
        this.problems.push(`${where}.${d.field}: the DOCUMENT decision's quote is not in the document`);
      }
    }
    return { where, docs, decided, missing };
  }

  private fail(s: Scope, field: string, what: string): void {
    if (!s.decided.has(field)) this.problems.push(`${s.where}.${field}: ${what}, and no decision says whose it is`);
  }

  // A record whose every value carries a decision (a skeleton written by npm run partnership
  // new, before its plan's text is added) needs no document text; one with a value to find does.
  private unfound(s: Scope, field: string, what: string): void {
    if (s.decided.has(field)) return;
    if (s.missing) {
      this.problems.push(`${s.where}: cites a document whose text is not held`);
      s.missing = false;
    }
    this.fail(s, field, what);
  }

  /** A text that must be the document's words. */
  text(s: Scope, field: string, value: string | null | undefined): void {
    if (value === null || value === undefined) return;
    if (!statedIn(value, s.docs)) this.unfound(s, field, 'not in its document');
  }

  private textOf(id: string): string | undefined {
    let t = this.normalised.get(id);
    if (t === undefined) {
      const raw = this.texts.get(id);
      if (raw === undefined) return undefined;
      t = normaliseForComparison(raw);
      this.normalised.set(id, t);
    }
    return t;
  }

  textList(s: Scope, field: string, values: readonly string[] | undefined): void {
    (values ?? []).forEach((v, i) => {
      if (!statedIn(v, s.docs)) this.unfound(s, `${field}[${i}]`, 'not in its document');
    });
  }

  /** A value the document can never state in words (a status, an owner): it needs a decision. */
  decision(s: Scope, field: string, needed: boolean): void {
    if (needed) this.fail(s, field, 'a value documents do not state');
  }

  number(s: Scope, field: string, value: number | null, within: string): void {
    if (value === null) return;
    if (!numberIn(value, normaliseForComparison(within))) this.fail(s, field, 'not in the words quoted');
  }

  period(s: Scope, field: string, period: string, within: string): void {
    if (!periodIn(period, normaliseForComparison(within))) this.fail(s, field, 'not in the words quoted');
  }

  date(s: Scope, field: string, iso: string | null, within: readonly string[]): void {
    if (iso === null) return;
    if (!within.some((t) => dateIn(iso, t))) this.unfound(s, field, 'not in its document');
  }
}

function checkPeople(c: Checker, people: readonly KeyPersonRecord[], where: string, doc: string): void {
  people.forEach((k, i) => {
    const s = c.scope(`${where}.keyPeople[${i}]`, [doc], k.decisions);
    c.text(s, 'name', k.name);
    c.text(s, 'role', k.role);
  });
}

function checkMembership(c: Checker, m: MembershipRecord, where: string): void {
  const s = c.scope(where, [m.sourceDocument], m.decisions);
  c.text(s, 'role', m.role);
  c.text(s, 'statedAs', m.statedAs);
  // Named in other words than its name: which organisation is meant is the hub's reading.
  c.decision(s, 'organisation', m.statedAs !== null && m.statedAs !== undefined);
}

function checkAction(c: Checker, a: ActionRecord, where: string, doc: string): void {
  const s = c.scope(where, [doc], a.decisions);
  for (const field of ['theme', 'subTheme', 'text', 'lead', 'deadline'] as const) c.text(s, field, a[field]);
  if (a.dueDate !== null && (a.deadline === null || dueDateOf(a.deadline) !== a.dueDate)) {
    c.decision(s, 'dueDate', true);
  }
}

function checkPlan(c: Checker, plan: PlanRecord, at: string): void {
  const doc = plan.sourceDocument;
  const where = `${at} plan ${plan.id}`;
  const s = c.scope(where, [doc], plan.decisions);
  c.text(s, 'title', plan.title);
  c.text(s, 'summary', plan.summary);
  c.date(s, 'periodStart', plan.periodStart, s.docs);
  c.date(s, 'periodEnd', plan.periodEnd, s.docs);
  c.decision(s, 'status', true);
  checkPeople(c, plan.keyPeople ?? [], where, doc);
  (plan.sections ?? []).forEach((sec, i) => {
    const ss = c.scope(`${where}.sections[${i}]`, [doc], sec.decisions);
    c.text(ss, 'heading', sec.heading);
    c.text(ss, 'text', sec.text);
    c.textList(ss, 'places', sec.places);
  });
  for (const st of plan.strategies ?? []) {
    const ss = c.scope(`${where} strategy ${st.id}`, [doc], st.decisions);
    c.text(ss, 'name', st.name);
    c.text(ss, 'statement', st.statement);
    st.dates.forEach((d, i) => {
      if (!normaliseForComparison(st.statement).includes(normaliseForComparison(d.event))) {
        c.decision(ss, `dates[${i}].event`, true);
      }
      c.period(ss, `dates[${i}].period`, d.period, st.statement);
    });
  }
  (plan.trends ?? []).forEach((t, i) => {
    const ts = c.scope(`${where}.trends[${i}]`, [doc], t.decisions);
    c.text(ts, 'subject', t.subject);
    c.text(ts, 'statement', t.statement);
    c.number(ts, 'value', t.value, t.statement);
    const statement = [normaliseForComparison(t.statement)];
    c.date(ts, 'periodStart', t.periodStart, statement);
    c.date(ts, 'periodEnd', t.periodEnd, statement);
  });
  for (const pr of plan.priorities) {
    const pw = `${where} priority ${pr.code}`;
    const ps = c.scope(pw, [doc], pr.decisions);
    c.text(ps, 'title', pr.title);
    c.text(ps, 'rationale', pr.rationale);
    checkPeople(c, pr.keyPersonnel, pw, doc);
    const links = [...pr.measures, ...pr.objectives.flatMap((o) => o.measures)];
    links.forEach((l) => {
      const ls = c.scope(`${pw} link ${l.measure}`, [doc]);
      if (l.basis === 'PLAN') c.text(ls, 'label', l.label);
      else if (l.note === null) c.decision(ls, 'note', true);
    });
    for (const o of pr.objectives) {
      const os = c.scope(`${pw} objective ${o.code}`, [doc], o.decisions);
      c.text(os, 'text', o.text);
    }
    pr.actions.forEach((a, i) => checkAction(c, a, `${pw} action ${i + 1}`, doc));
  }
}

function checkPartnership(c: Checker, p: PartnershipRecord): void {
  const at = `partnership ${p.slug}`;
  const s = c.scope(at, p.sourceDocuments, p.decisions);
  c.text(s, 'name', p.name);
  c.text(s, 'description', p.description);
  (p.contacts ?? []).forEach((k, i) => c.text(c.scope(`${at}.contacts[${i}]`, [k.sourceDocument]), 'value', k.value));
  p.memberships.forEach((m, i) => checkMembership(c, m, `${at}.memberships[${i}]`));
  for (const g of p.groups) {
    const gw = `${at} group ${g.id}`;
    const gs = c.scope(gw, [g.sourceDocument], g.decisions);
    c.text(gs, 'name', g.name);
    c.text(gs, 'chair', g.chair);
    c.text(gs, 'purpose', g.purpose);
    c.textList(gs, 'places', g.places);
    g.members.forEach((m, i) => checkMembership(c, m, `${gw}.members[${i}]`));
  }
  for (const plan of p.plans) checkPlan(c, plan, at);
  for (const m of p.meetings) {
    const mw = `${at} meeting ${m.id}`;
    const ms = c.scope(mw, [m.sourceDocument], m.decisions);
    c.text(ms, 'title', m.title);
    if (m.period !== null && !ms.docs.some((d) => periodIn(m.period as string, d))) c.decision(ms, 'period', true);
    c.date(ms, 'date', m.date, ms.docs);
    m.updates.forEach((u, i) => {
      const us = c.scope(`${mw}.updates[${i}]`, [m.sourceDocument], u.decisions);
      c.text(us, 'heading', u.heading);
      c.text(us, 'speaker', u.speaker);
      c.text(us, 'summary', u.summary);
    });
    (m.discussion ?? []).forEach((d, i) => {
      const ds = c.scope(`${mw}.discussion[${i}]`, [m.sourceDocument]);
      c.text(ds, 'raisedBy', d.raisedBy);
      c.text(ds, 'text', d.text);
    });
  }
  for (const f of p.figures) {
    const fs = c.scope(`${at} figure ${f.measure} ${f.area} ${f.period}`, [f.sourceDocument], f.decisions);
    c.text(fs, 'quote', f.quote);
    c.number(fs, 'value', f.value, f.quote);
    c.period(fs, 'period', f.period, f.quote);
  }
}

/** Every field of the reference data that neither its document states nor a decision claims. */
export function checkProvenance(data: ReferenceData, texts: DocumentTexts): string[] {
  const c = new Checker(texts);
  for (const d of data.documents) {
    const s = c.scope(`document ${d.id}`, [d.id], d.decisions);
    c.text(s, 'title', d.title);
    c.text(s, 'publisher', d.publisher);
    c.text(s, 'published', d.published);
    c.text(s, 'location', d.location);
    c.text(s, 'summary', d.summary);
  }
  for (const m of data.measures) {
    // A measure no document defines (a connector's) is its publisher's, described in its dataset.
    if (!m.sourceDocument) continue;
    const s = c.scope(`measure ${m.code}`, [m.sourceDocument], m.decisions);
    c.text(s, 'name', m.name);
    c.text(s, 'definition', m.definition);
    c.decision(s, 'owner', m.owner !== null && m.owner !== undefined);
    c.decision(s, 'access', m.access !== undefined && m.access !== MeasureAccess.PUBLIC);
    c.decision(s, 'polarity', m.polarity !== Polarity.NO_JUDGEMENT);
  }
  for (const o of data.organisations) {
    const s = c.scope(`organisation ${o.id}`, o.sourceDocuments, o.decisions);
    c.text(s, 'name', o.name);
  }
  for (const p of data.partnerships) checkPartnership(c, p);
  return c.problems;
}
