import { In, type EntityManager } from 'typeorm';
import { groupBy } from '../analytics/group-by';
import { parsePeriod } from '../analytics/period';
import { Area, AreaParent, Observation, ObservationRevision, RejectedRow } from '../entities';
import type { AreaInput, ObservationInput, RejectedInput } from './connector';
import { insertChunked } from '../store/insert-chunked';
import { revisionOf } from '../store/observation-revision';

// Writes a run's output inside the caller's transaction. Observations are upserted by
// measure, area and period: unchanged values are left alone (a re-run changes nothing), a
// changed value keeps the earlier one as a revision, a new one is inserted.

export interface Provenance {
  datasetId: string;
  ingestRunId: number;
  sourceUrl: string;
  retrievedAt: Date;
}

export interface WriteCounts {
  inserted: number;
  updated: number;
  unchanged: number;
}

const CHUNK = 400;

const same = (a: number | null | undefined, b: number | null | undefined): boolean => (a ?? null) === (b ?? null);

function changed(current: Observation, next: ObservationInput): boolean {
  return !(
    same(current.value, next.value) &&
    same(current.numerator, next.numerator) &&
    same(current.denominator, next.denominator) &&
    same(current.lowerCi, next.lowerCi) &&
    same(current.upperCi, next.upperCi) &&
    (current.note ?? null) === (next.note ?? null) &&
    current.suppressed === (next.suppressed ?? false)
  );
}

function values(
  o: ObservationInput,
): Pick<Observation, 'value' | 'numerator' | 'denominator' | 'lowerCi' | 'upperCi' | 'note' | 'suppressed'> {
  return {
    value: o.value,
    numerator: o.numerator ?? null,
    denominator: o.denominator ?? null,
    lowerCi: o.lowerCi ?? null,
    upperCi: o.upperCi ?? null,
    note: o.note ?? null,
    suppressed: o.suppressed ?? false,
  };
}

const key = (o: { measureCode: string; areaCode: string; period: string }): string =>
  `${o.measureCode}|${o.areaCode}|${o.period}`;

export async function writeObservations(
  m: EntityManager,
  inputs: ObservationInput[],
  p: Provenance,
): Promise<WriteCounts> {
  const counts: WriteCounts = { inserted: 0, updated: 0, unchanged: 0 };
  for (const [measureCode, list] of groupBy(inputs, (o) => o.measureCode)) {
    for (let i = 0; i < list.length; i += CHUNK) {
      const chunk = list.slice(i, i + CHUNK);
      const existing = await m.find(Observation, {
        where: {
          measureCode,
          areaCode: In([...new Set(chunk.map((o) => o.areaCode))]),
          period: In([...new Set(chunk.map((o) => o.period))]),
        },
      });
      const current = new Map(existing.map((o) => [key(o), o]));
      const inserts: Array<Partial<Observation>> = [];
      for (const o of chunk) {
        const found = current.get(key(o));
        if (!found) {
          const span = parsePeriod(o.period);
          inserts.push({
            measureCode,
            areaCode: o.areaCode,
            period: o.period,
            frequency: span.frequency,
            periodStart: span.start,
            periodEnd: span.end,
            ...values(o),
            datasetId: p.datasetId,
            ingestRunId: p.ingestRunId,
            sourceDocument: null,
            sourceUrl: p.sourceUrl,
            retrievedAt: p.retrievedAt,
            updatedAt: p.retrievedAt,
          });
        } else if (changed(found, o)) {
          await m.insert(ObservationRevision, revisionOf(found, p.retrievedAt));
          await m.update(
            Observation,
            { id: found.id },
            {
              ...values(o),
              datasetId: p.datasetId,
              ingestRunId: p.ingestRunId,
              sourceUrl: p.sourceUrl,
              retrievedAt: p.retrievedAt,
              updatedAt: p.retrievedAt,
            },
          );
          counts.updated += 1;
        } else {
          counts.unchanged += 1;
        }
      }
      await insertChunked(m, Observation, inserts);
      counts.inserted += inserts.length;
    }
  }
  return counts;
}

/** Adds areas a source revealed (LSOAs of the partnerships' districts), leaving known ones as they are. */
export async function writeAreas(m: EntityManager, areas: AreaInput[]): Promise<number> {
  if (areas.length === 0) return 0;
  const known = new Set<string>();
  for (let i = 0; i < areas.length; i += CHUNK) {
    const rows = await m.find(Area, {
      where: { code: In(areas.slice(i, i + CHUNK).map((a) => a.code)) },
      select: { code: true },
    });
    for (const r of rows) known.add(r.code);
  }
  const fresh = areas.filter((a) => !known.has(a.code));
  await insertChunked(
    m,
    Area,
    fresh.map((a) => ({ code: a.code, name: a.name, type: a.type, note: null })),
  );
  await insertChunked(
    m,
    AreaParent,
    fresh.flatMap((a) => a.parents.map((parentCode) => ({ childCode: a.code, parentCode }))),
  );
  return fresh.length;
}

const RAW_LIMIT = 2000;

export async function writeRejected(m: EntityManager, runId: number, rejected: RejectedInput[]): Promise<void> {
  const rows = rejected.map((r) => ({
    runId,
    line: r.line,
    reason: r.reason,
    raw: r.raw.length > RAW_LIMIT ? `${r.raw.slice(0, RAW_LIMIT)}…` : r.raw,
  }));
  await insertChunked(m, RejectedRow, rows);
}
