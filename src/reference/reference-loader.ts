import type { FiguresChanged } from '../ingest/figures-changed';
import type { DataSource, EntityManager, EntityTarget, FindOptionsWhere, ObjectLiteral } from 'typeorm';
import {
  Action,
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
import type { Logger } from '../logging/logger';
import { readReferenceData } from './reference-files';
import { referenceRows, type DatasetRow, type FigureRow, type ReferenceRows } from './reference-rows';
import { insertChunked } from '../store/insert-chunked';
import { withdrawObservations, writeObservations, type FigureKey } from '../ingest/observation-writer';
import { placeholder } from '../store/sql';
import { readThenWrite } from '../store/sqlite-writes';

// Brings the store in line with the reference files inside one transaction: rows are inserted,
// changed rows updated, and rows the files no longer hold deleted, but only in tables the
// reference data owns. Measures, datasets and organisations are only ever added or updated,
// because ingested figures and keys may refer to them. Areas are not reference data: the
// geography (src/geography/, data/geography/) is loaded before, and the files are checked
// against the areas the store then holds. Quoted figures are observations
// of the "documents" dataset; a changed figure keeps its earlier value as a revision.

export const DOCUMENTS_DATASET = 'documents';

export interface TableChange {
  inserted: number;
  updated: number;
  deleted: number;
}

export type LoadReport = Record<string, TableChange>;

interface TableSync<T extends ObjectLiteral> {
  name: string;
  entity: EntityTarget<T>;
  rows: T[];
  key: Array<keyof T & string>;
  /** Which existing rows the reference data owns (and so may delete when absent from the files). */
  owns: (row: T) => boolean;
}

const NONE = (): boolean => false;
const ALL = (): boolean => true;

// Checks each spec against its own entity type, then erases it so the specs fit one list.
function table<T extends ObjectLiteral>(spec: TableSync<T>): TableSync<ObjectLiteral> {
  return spec as unknown as TableSync<ObjectLiteral>;
}

function tables(r: ReferenceRows): Array<TableSync<ObjectLiteral>> {
  const measureCodes = new Set(r.measures.map((m) => m.code));
  return [
    table<SourceDocument>({
      name: 'source_document',
      entity: SourceDocument,
      rows: r.documents,
      key: ['id'],
      owns: ALL,
    }),
    table<Theme>({ name: 'theme', entity: Theme, rows: r.themes, key: ['code'], owns: ALL }),
    table<DatasetRow>({ name: 'dataset', entity: Dataset, rows: r.datasets, key: ['id'], owns: NONE }),
    table<Measure>({ name: 'measure', entity: Measure, rows: r.measures, key: ['code'], owns: NONE }),
    table<MeasureTheme>({
      name: 'measure_theme',
      entity: MeasureTheme,
      rows: r.measureThemes,
      key: ['measureCode', 'themeCode'],
      owns: (row: MeasureTheme) => measureCodes.has(row.measureCode),
    }),
    table<Organisation>({ name: 'organisation', entity: Organisation, rows: r.organisations, key: ['id'], owns: NONE }),
    table<Partnership>({ name: 'partnership', entity: Partnership, rows: r.partnerships, key: ['slug'], owns: ALL }),
    table<PartnershipArea>({
      name: 'partnership_area',
      entity: PartnershipArea,
      rows: r.partnershipAreas,
      key: ['partnershipSlug', 'areaCode'],
      owns: ALL,
    }),
    table<GovernanceGroup>({
      name: 'governance_group',
      entity: GovernanceGroup,
      rows: r.groups,
      key: ['id'],
      owns: ALL,
    }),
    table<Membership>({ name: 'membership', entity: Membership, rows: r.memberships, key: ['id'], owns: ALL }),
    table<Plan>({ name: 'plan', entity: Plan, rows: r.plans, key: ['id'], owns: ALL }),
    table<Priority>({ name: 'priority', entity: Priority, rows: r.priorities, key: ['id'], owns: ALL }),
    table<PriorityTheme>({
      name: 'priority_theme',
      entity: PriorityTheme,
      rows: r.priorityThemes,
      key: ['priorityId', 'themeCode'],
      owns: ALL,
    }),
    table<PriorityGroup>({
      name: 'priority_group',
      entity: PriorityGroup,
      rows: r.priorityGroups,
      key: ['priorityId', 'groupId'],
      owns: ALL,
    }),
    table<KeyPerson>({ name: 'key_person', entity: KeyPerson, rows: r.keyPeople, key: ['id'], owns: ALL }),
    table<Objective>({ name: 'objective', entity: Objective, rows: r.objectives, key: ['id'], owns: ALL }),
    table<MeasureLink>({ name: 'measure_link', entity: MeasureLink, rows: r.measureLinks, key: ['id'], owns: ALL }),
    table<Action>({ name: 'plan_action', entity: Action, rows: r.actions, key: ['id'], owns: ALL }),
    table<MeetingReport>({ name: 'meeting_report', entity: MeetingReport, rows: r.meetings, key: ['id'], owns: ALL }),
    table<PartnerUpdate>({ name: 'partner_update', entity: PartnerUpdate, rows: r.updates, key: ['id'], owns: ALL }),
    table<DiscussionItem>({
      name: 'discussion_item',
      entity: DiscussionItem,
      rows: r.discussion,
      key: ['id'],
      owns: ALL,
    }),
    table<PartnershipContact>({
      name: 'partnership_contact',
      entity: PartnershipContact,
      rows: r.contacts,
      key: ['id'],
      owns: ALL,
    }),
    table<PlanSection>({ name: 'plan_section', entity: PlanSection, rows: r.sections, key: ['id'], owns: ALL }),
    table<SectionTheme>({
      name: 'section_theme',
      entity: SectionTheme,
      rows: r.sectionThemes,
      key: ['sectionId', 'themeCode'],
      owns: ALL,
    }),
    table<Strategy>({ name: 'plan_strategy', entity: Strategy, rows: r.strategies, key: ['id'], owns: ALL }),
    table<StrategyDate>({
      name: 'strategy_date',
      entity: StrategyDate,
      rows: r.strategyDates,
      key: ['id'],
      owns: ALL,
    }),
    table<TrendStatement>({ name: 'trend_statement', entity: TrendStatement, rows: r.trends, key: ['id'], owns: ALL }),
    // Every decision is the reference data's, whatever record it is about.
    table<FieldDecision>({
      name: 'field_decision',
      entity: FieldDecision,
      rows: r.decisions,
      key: ['id'],
      owns: ALL,
    }),
  ];
}

function keyOf<T extends ObjectLiteral>(row: T, key: Array<keyof T & string>): string {
  return key.map((k) => String(row[k])).join('\u0000');
}

function normalise(value: unknown): unknown {
  if (value === undefined) return null;
  if (Array.isArray(value)) return value.join('\u0000');
  return value;
}

function changedFields<T extends ObjectLiteral>(existing: T, wanted: T): Partial<T> {
  const changes: Partial<T> = {};
  for (const k of Object.keys(wanted) as Array<keyof T>) {
    if (normalise(existing[k]) !== normalise(wanted[k])) changes[k] = wanted[k];
  }
  return changes;
}

function criteria<T extends ObjectLiteral>(row: T, key: Array<keyof T & string>): FindOptionsWhere<T> {
  const where: Record<string, unknown> = {};
  for (const k of key) where[k] = row[k];
  return where as FindOptionsWhere<T>;
}

async function syncTables(
  manager: EntityManager,
  specs: Array<TableSync<ObjectLiteral>>,
  report: LoadReport,
): Promise<void> {
  const plans = [];
  for (const spec of specs) {
    const existing = await manager.find(spec.entity);
    const byKey = new Map(existing.map((row) => [keyOf(row, spec.key), row]));
    const wantedKeys = new Set(spec.rows.map((row) => keyOf(row, spec.key)));
    const stale = existing.filter((row) => !wantedKeys.has(keyOf(row, spec.key)) && spec.owns(row));
    plans.push({ spec, byKey, stale });
    report[spec.name] = { inserted: 0, updated: 0, deleted: stale.length };
  }
  // Children first, so a delete never cascades into rows this load is about to compare.
  for (const { spec, stale } of [...plans].reverse()) {
    for (const row of stale) await manager.delete(spec.entity, criteria(row, spec.key));
  }
  for (const { spec, byKey } of plans) {
    const inserts: ObjectLiteral[] = [];
    for (const row of spec.rows) {
      const current = byKey.get(keyOf(row, spec.key));
      if (!current) {
        inserts.push(row);
        continue;
      }
      const changes = changedFields(current, row);
      if (Object.keys(changes).length > 0) {
        await manager.update(spec.entity, criteria(row, spec.key), changes);
        (report[spec.name] as TableChange).updated += 1;
      }
    }
    await insertChunked(manager, spec.entity, inserts);
    (report[spec.name] as TableChange).inserted += inserts.length;
  }
}

// The figures the plans quote go in through the one writer, as the word of the documents: a
// quoted figure that changed keeps its earlier value as a revision, and one no plan quotes any
// more is withdrawn (kept for its history, no longer served), as a partner's would be.
async function syncFigures(
  manager: EntityManager,
  figures: FigureRow[],
  now: Date,
): Promise<TableChange & { changedMeasures: string[] }> {
  const provenance = {
    datasetId: DOCUMENTS_DATASET,
    sourceKey: DOCUMENTS_DATASET,
    ingestRunId: null,
    sourceUrl: null,
    retrievedAt: now,
  };
  const written = await writeObservations(
    manager,
    figures.map((f) => ({
      measureCode: f.measureCode,
      areaCode: f.areaCode,
      period: f.period,
      value: f.value,
      note: f.note,
      sourceDocument: f.sourceDocument,
    })),
    provenance,
  );
  const key = (o: FigureKey): string => `${o.measureCode}\u0000${o.areaCode}\u0000${o.period}`;
  const wanted = new Set(figures.map(key));
  // On the transaction's own runner: the figures just written are not committed yet.
  const said = (await manager.query(
    `SELECT measure_code, area_code, period FROM observation
      WHERE source_key = ${placeholder(manager.connection, 1)} AND withdrawn_at IS NULL
     UNION SELECT o.measure_code, o.area_code, o.period FROM competing_figure c JOIN observation o ON o.id = c.observation_id
      WHERE c.source_key = ${placeholder(manager.connection, 2)}`,
    [DOCUMENTS_DATASET, DOCUMENTS_DATASET],
  )) as Array<{ measure_code: string; area_code: string; period: string }>;
  const gone = said
    .map((r) => ({ measureCode: r.measure_code, areaCode: r.area_code, period: r.period }))
    .filter((k) => !wanted.has(key(k)));
  const withdrawn = gone.length
    ? await withdrawObservations(manager, gone, provenance)
    : { withdrawn: 0, dropped: 0, changedMeasures: [] };
  return {
    inserted: written.inserted,
    updated: written.updated,
    deleted: withdrawn.withdrawn + withdrawn.dropped,
    changedMeasures: [...new Set([...written.changedMeasures, ...withdrawn.changedMeasures])],
  };
}

export function countChanges(report: LoadReport): number {
  return Object.values(report).reduce((n, c) => n + c.inserted + c.updated + c.deleted, 0);
}

/**
 * Loads the reference files in `dir` into the store; throws ReferenceDataError (writing nothing)
 * on bad files. The process's figures-changed hook works the scorecard figures out again after.
 */
export async function loadReferenceData(
  ds: DataSource,
  dir: string,
  figuresChanged: FiguresChanged,
  logger: Logger,
): Promise<LoadReport> {
  // The plan files' areas are checked against the areas held (the geography loads first).
  const areaCodes = new Set(((await ds.query('SELECT code FROM area')) as Array<{ code: string }>).map((a) => a.code));
  const rows = referenceRows(readReferenceData(dir, areaCodes));
  // Unchanged files write nothing: the load reads first and takes the store's lock only to
  // write, so starting beside a long ingest in another process does not wait for it.
  const { report, changedMeasures } = await readThenWrite(ds, async (manager) => {
    const report: LoadReport = {};
    await syncTables(manager, tables(rows), report);
    const { changedMeasures, ...figures } = await syncFigures(manager, rows.figures, new Date());
    report.observation = figures;
    return { report, changedMeasures };
  });
  logger.info('reference data loaded', {
    dir,
    changes: countChanges(report),
    partnerships: rows.partnerships.length,
    figures: rows.figures.length,
  });
  // Links, polarities, areas and access all shape scorecard figures: work them all out again.
  await figuresChanged.reference(changedMeasures);
  return report;
}
