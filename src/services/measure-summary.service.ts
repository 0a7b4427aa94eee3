import { In, type DataSource } from 'typeorm';
import { Visibility } from '../auth/visibility';
import { MeasureAccess, type Polarity } from '../domain/enums';
import { Measure, MeasureSummary, Partnership, PartnershipArea } from '../entities';
import { groupBy } from '../analytics/group-by';
import { figureRows } from '../store/figure-rows';
import { INSERT_CHUNK } from '../store/insert-chunked';
import { placeholders, rawRows } from '../store/sql';
import { readThenWrite } from '../store/sqlite-writes';
import { yieldToLoop } from '../store/yield-to-loop';
import { measureFigures, type MeasureFigures } from './scorecard-measure';
import { POPULATION, populationByYear, type SeriesService } from './series.service';

// Scorecard figures worked out when they can change (after an ingest or a submission changes a
// measure's figures, after the reference data is loaded), one row per partnership, measure,
// polarity and audience, so a scorecard request reads rows instead of charting every series.
// FULL rows are what members see; PUBLIC rows what others see of a SUPPRESSED measure.

/** Every plan's links to measures, with the partnership of the plan (as pl). */
const LINKS = 'FROM measure_link ml JOIN priority p ON p.id = ml.priority_id JOIN plan pl ON pl.id = p.plan_id';

export enum Audience {
  FULL = 'FULL',
  PUBLIC = 'PUBLIC',
}

export const summaryKey = (measureCode: string, polarity: string, audience: Audience): string =>
  `${measureCode}|${polarity}|${audience}`;

/** What a scorecard reads of a stored row: no partnership (it asked for one), no timestamp. */
export type StoredSummary = Pick<
  MeasureSummary,
  | 'measureCode'
  | 'polarity'
  | 'audience'
  | 'threshold'
  | 'latest'
  | 'yearEarlier'
  | 'changePercent'
  | 'variation'
  | 'points'
>;

const STORED_SQL = (
  slug: string,
): string => `SELECT measure_code AS "measureCode", polarity, audience, threshold, latest, year_earlier AS "yearEarlier",
  change_percent AS "changePercent", variation, points FROM measure_summary WHERE partnership_slug = ${slug}`;
const STORED = { sqlite: STORED_SQL('?'), postgres: STORED_SQL('$1') };

/** A partnership's stored rows, as a scorecard reads them on every request: only the columns it needs, no entities. */
export function storedSummaries(ds: DataSource, slug: string): Promise<StoredSummary[]> {
  return rawRows<StoredSummary>(ds, ds.options.type === 'postgres' ? STORED.postgres : STORED.sqlite, [slug]);
}

/** A stored row back as the figures a scorecard shows. */
export function figuresOf(row: StoredSummary): MeasureFigures {
  return {
    latest: row.latest === null ? null : (JSON.parse(row.latest) as MeasureFigures['latest']),
    yearEarlier: row.yearEarlier === null ? null : (JSON.parse(row.yearEarlier) as MeasureFigures['yearEarlier']),
    changePercent: row.changePercent,
    variation: row.variation as MeasureFigures['variation'],
    points: row.points,
  };
}

export class MeasureSummaryService {
  constructor(
    private readonly ds: DataSource,
    private readonly series: SeriesService,
    private readonly threshold: number,
  ) {}

  /** Partnerships whose plans link any of these measures. */
  async partnershipsLinking(measureCodes: string[]): Promise<string[]> {
    if (!measureCodes.length) return [];
    const rows = await rawRows<{ slug: string }>(
      this.ds,
      `
      SELECT DISTINCT pl.partnership_slug AS slug ${LINKS} WHERE ml.measure_code IN (${placeholders(this.ds, measureCodes.length)})`,
      measureCodes,
    );
    return rows.map((r) => r.slug);
  }

  /** Works out again the rows of these partnerships (every one when null); returns how many. */
  async refresh(slugs: string[] | null): Promise<number> {
    const m = this.ds.manager;
    const partnerships = slugs ?? (await m.find(Partnership)).map((p) => p.slug);
    if (!partnerships.length) return 0;
    const list = placeholders(this.ds, partnerships.length);
    const [links, coverage] = await Promise.all([
      rawRows<{ slug: string; measure_code: string; polarity: Polarity | null }>(
        this.ds,
        `
        SELECT DISTINCT pl.partnership_slug AS slug, ml.measure_code, ml.polarity ${LINKS} WHERE pl.partnership_slug IN (${list})`,
        partnerships,
      ),
      m.find(PartnershipArea, { where: { partnershipSlug: In(partnerships) } }),
    ]);
    const codes = [...new Set(links.map((l) => l.measure_code))];
    const measures = new Map(
      (codes.length ? await m.find(Measure, { where: { code: In(codes) } }) : []).map((x) => [x.code, x]),
    );
    // The figures of every partnership at once, two statements however many partnerships a
    // reference load refreshes; each partnership then takes its own districts' rows.
    const allDistricts = [...new Set(coverage.map((c) => c.areaCode))];
    const [allRows, people] = await Promise.all([
      figureRows(this.ds, [...measures.keys()], allDistricts),
      figureRows(this.ds, [POPULATION], allDistricts),
    ]);
    const full = Visibility.everything(this.threshold);
    const anonymous = Visibility.anonymous(this.threshold);
    const out: MeasureSummary[] = [];
    const now = new Date();
    for (const slug of partnerships) {
      const districts = coverage
        .filter((c) => c.partnershipSlug === slug)
        .map((c) => c.areaCode)
        .sort();
      const mine = links.filter((l) => l.slug === slug && measures.has(l.measure_code));
      if (!mine.length || !districts.length) continue;
      const inDistricts = new Set(districts);
      const byMeasure = groupBy(
        allRows.filter((r) => inDistricts.has(r.areaCode)),
        (r) => r.measureCode,
      );
      const population = populationByYear(people, districts);
      const seen = new Set<string>();
      for (const link of mine) {
        // A chart at a time, then the event loop: a big aftermath must not starve requests.
        await yieldToLoop();
        const measure = measures.get(link.measure_code) as Measure;
        const polarity = link.polarity ?? measure.polarity;
        const audiences =
          measure.access === MeasureAccess.SUPPRESSED ? [Audience.FULL, Audience.PUBLIC] : [Audience.FULL];
        for (const audience of audiences) {
          const key = summaryKey(measure.code, polarity, audience);
          if (seen.has(key)) continue;
          seen.add(key);
          const f = measureFigures(this.series, {
            measure,
            polarity,
            districts,
            rows: byMeasure.get(measure.code) ?? [],
            population,
            viewer: audience === Audience.FULL ? full : anonymous,
          });
          out.push(
            m.create(MeasureSummary, {
              partnershipSlug: slug,
              measureCode: measure.code,
              polarity,
              audience,
              latest: f.latest ? JSON.stringify(f.latest) : null,
              yearEarlier: f.yearEarlier ? JSON.stringify(f.yearEarlier) : null,
              changePercent: f.changePercent,
              variation: f.variation,
              points: f.points,
              threshold: this.threshold,
              computedAt: now,
            }),
          );
        }
      }
    }
    // Only what changed is written, so working out unchanged figures again changes nothing.
    const same = (a: MeasureSummary, b: MeasureSummary): boolean =>
      a.latest === b.latest &&
      a.yearEarlier === b.yearEarlier &&
      a.changePercent === b.changePercent &&
      a.variation === b.variation &&
      a.points === b.points &&
      a.threshold === b.threshold;
    const keyOf = (r: MeasureSummary): string =>
      `${r.partnershipSlug}|${summaryKey(r.measureCode, r.polarity, r.audience as Audience)}`;
    // Usually nothing has changed: read first, and take the store's lock only to write.
    await readThenWrite(this.ds, async (tx) => {
      const existing = new Map(
        (await tx.find(MeasureSummary, { where: { partnershipSlug: In(partnerships) } })).map((r) => [keyOf(r), r]),
      );
      const fresh = out.filter((r) => {
        const old = existing.get(keyOf(r));
        existing.delete(keyOf(r));
        return !old || !same(old, r);
      });
      for (const gone of existing.values())
        await tx.delete(MeasureSummary, {
          partnershipSlug: gone.partnershipSlug,
          measureCode: gone.measureCode,
          polarity: gone.polarity,
          audience: gone.audience,
        });
      for (let i = 0; i < fresh.length; i += INSERT_CHUNK)
        await tx.upsert(MeasureSummary, fresh.slice(i, i + INSERT_CHUNK), [
          'partnershipSlug',
          'measureCode',
          'polarity',
          'audience',
        ]);
    });
    return out.length;
  }

  /** Drops the rows of these partnerships, so their scorecards are worked out live. */
  async forget(slugs: string[] | null): Promise<void> {
    if (slugs) await this.ds.manager.delete(MeasureSummary, { partnershipSlug: In(slugs) });
    else await this.ds.query('DELETE FROM measure_summary');
  }
}
