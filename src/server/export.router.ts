import { Router, type Request, type Response } from 'express';
import { isRedacted } from '../auth/visibility';
import {
  In,
  IsNull,
  LessThanOrEqual,
  MoreThan,
  MoreThanOrEqual,
  type DataSource,
  type FindOptionsWhere,
} from 'typeorm';
import { parsePeriod } from '../analytics/period';
import { loadVisibility } from '../auth/member-scope';
import type { Visibility } from '../auth/visibility';
import { Frequency, MeasureAccess } from '../domain/enums';
import { holdsNul } from '../domain/text';
import { Measure, Observation, PartnershipArea } from '../entities';
import { badInput, notFound } from '../errors/hub-error';
import { periodBound } from '../errors/period-argument';
import type { Logger } from '../logging/logger';
import type { Services } from '../services/services';
import { principalOf } from './access';
import { csvHeader, csvRow } from './csv';
import { sendCaught } from './error-response';

// CSV downloads for analysts, with the same filters as the GraphQL fields:
//   /export/series.csv?measure=&area=|partnership=&from=&to=&frequency=
//   /export/observations.csv?measure=&area=&partnership=&from=&to=
// Each holds only what the request's key may see, as the GraphQL fields do.

const SERIES_HEADER = [
  'measure',
  'measure_name',
  'unit',
  'area_or_partnership',
  'frequency',
  'period',
  'period_start',
  'period_end',
  'value',
  'numerator',
  'denominator',
  'rate',
  'note',
];
const OBSERVATION_HEADER = [
  'measure',
  'area',
  'period',
  'frequency',
  'period_start',
  'period_end',
  'value',
  'numerator',
  'denominator',
  'lower_ci_95',
  'upper_ci_95',
  'suppressed',
  'note',
  'dataset',
  'ingest_run',
  'source_document',
  'source_url',
  'retrieved_at',
  'source',
  'conflict',
];
const PAGE = 5000;

/**
 * A query parameter, the one way every export reads them: given once, and without a NUL
 * character (src/domain/text.ts: PostgreSQL would fail the statement it went into).
 */
function param(req: Request, name: string): string | null {
  const v = req.query[name];
  if (v === undefined || v === '') return null;
  if (typeof v !== 'string') throw badInput(`"${name}" must be given once.`, name);
  if (holdsNul(v)) throw badInput(`"${name}" holds a NUL character (U+0000), which the hub does not take.`, name);
  return v;
}

type CachePolicy = (res: Response) => string;

function startCsv(res: Response, filename: string, header: string[], cache: CachePolicy): void {
  res.setHeader('content-type', 'text/csv; charset=utf-8');
  res.setHeader('cache-control', cache(res));
  res.setHeader('content-disposition', `attachment; filename="${filename.replace(/[^\w.-]+/g, '-')}"`);
  res.write(csvHeader(header));
}

/** What the request's key (or its absence) may see. */
const viewerOf = (req: Request, ds: DataSource, threshold: number): Promise<Visibility> =>
  loadVisibility(ds, principalOf(req)?.organisationId ?? null, threshold);

async function seriesCsv(
  req: Request,
  res: Response,
  ds: DataSource,
  services: Services,
  cache: CachePolicy,
  threshold: number,
): Promise<void> {
  const measure = param(req, 'measure');
  if (!measure) throw badInput('"measure" is required.', 'measure');
  const frequency = param(req, 'frequency');
  if (frequency && !(frequency in Frequency))
    throw badInput(`"frequency" must be one of ${Object.keys(Frequency).join(', ')}.`, 'frequency');
  const s = await services.series.series(
    {
      measure,
      area: param(req, 'area'),
      partnership: param(req, 'partnership'),
      from: param(req, 'from'),
      to: param(req, 'to'),
      frequency: frequency as Frequency | null,
    },
    await viewerOf(req, ds, threshold),
  );
  const owner = s.area?.code ?? s.partnership?.slug ?? '';
  const rows = [
    ...s.points.map((p) => ({ period: p.period, cells: [p.value, p.numerator, p.denominator, p.rate, ''] })),
    ...s.gaps.map((g) => ({ period: g.period, cells: ['', '', '', '', `gap: ${g.reason}`] })),
  ].sort((a, b) => parsePeriod(a.period).start.localeCompare(parsePeriod(b.period).start));
  startCsv(res, `series-${measure}-${owner}.csv`, SERIES_HEADER, cache);
  for (const r of rows) {
    const span = parsePeriod(r.period);
    res.write(
      csvRow([
        s.measure.code,
        s.measure.name,
        s.measure.unit,
        owner,
        s.frequency,
        r.period,
        span.start,
        span.end,
        ...r.cells,
      ]),
    );
  }
  res.end();
}

async function observationsCsv(
  req: Request,
  res: Response,
  ds: DataSource,
  cache: CachePolicy,
  threshold: number,
): Promise<void> {
  const measure = param(req, 'measure');
  const area = param(req, 'area');
  const partnership = param(req, 'partnership');
  if (!measure && !area && !partnership) throw badInput('Give at least one of "measure", "area" and "partnership".');
  const from = param(req, 'from');
  const to = param(req, 'to');
  const fromDate = from ? periodBound(from, 'from', 'start') : null;
  const toDate = to ? periodBound(to, 'to', 'end') : null;
  // The period bounds go into the query: a keyset page of rows that are then dropped would
  // read the whole history to export one year.
  // A withdrawn figure is kept only for its history: it is never served.
  const where: FindOptionsWhere<Observation> = { withdrawnAt: IsNull() };
  if (fromDate) where.periodStart = MoreThanOrEqual(fromDate);
  if (toDate) where.periodEnd = LessThanOrEqual(toDate);
  if (measure) where.measureCode = measure;
  if (area) where.areaCode = area;
  if (partnership) {
    const districts = (await ds.manager.find(PartnershipArea, { where: { partnershipSlug: partnership } })).map(
      (p) => p.areaCode,
    );
    if (!districts.length) throw notFound('partnership', 'partnership');
    where.areaCode = area ? (districts.includes(area) ? area : In([])) : In(districts);
  }
  const viewer = await viewerOf(req, ds, threshold);
  const guarded = new Map(
    (
      await ds.manager.find(Measure, { where: { access: In([MeasureAccess.RESTRICTED, MeasureAccess.SUPPRESSED]) } })
    ).map((x) => [x.code, x]),
  );
  const visible = (o: Observation): Observation[] => {
    const m = guarded.get(o.measureCode);
    return m ? viewer.view(m, [o]) : [o];
  };
  startCsv(
    res,
    `observations-${[measure, area, partnership].filter(Boolean).join('-')}.csv`,
    OBSERVATION_HEADER,
    cache,
  );
  // Keyset pages by id, so a large export streams in constant memory.
  let after = 0;
  for (;;) {
    const page = await ds.manager.find(Observation, {
      where: { ...where, id: MoreThan(after) },
      order: { id: 'ASC' },
      take: PAGE,
    });
    for (const o of page.flatMap(visible)) {
      res.write(
        csvRow([
          o.measureCode,
          o.areaCode,
          o.period,
          o.frequency,
          o.periodStart,
          o.periodEnd,
          o.value,
          o.numerator,
          o.denominator,
          o.lowerCi,
          o.upperCi,
          o.suppressed,
          o.note,
          o.datasetId,
          o.ingestRunId,
          o.sourceDocument,
          o.sourceUrl,
          o.retrievedAt,
          o.sourceKey,
          // A figure suppressed for this reader says nothing of what other sources hold.
          isRedacted(o) ? false : o.conflict,
        ]),
      );
    }
    if (page.length < PAGE) break;
    after = page[page.length - 1]!.id;
  }
  res.end();
}

/** Public downloads may be cached for CACHE_MAX_AGE; one made with a key is the holder's only. */
function cachePolicy(maxAge: number): CachePolicy {
  return (res) =>
    maxAge <= 0 ? 'no-store' : principalOf(res.req) ? `private, max-age=${maxAge}` : `public, max-age=${maxAge}`;
}

export function exportRouter(
  ds: DataSource,
  services: Services,
  logger: Logger,
  cacheMaxAge: number,
  threshold: number,
): Router {
  const cache = cachePolicy(cacheMaxAge);
  const router = Router();
  router.get('/series.csv', (req, res) =>
    seriesCsv(req, res, ds, services, cache, threshold).catch((err: unknown) => sendCaught(res, err, logger, 'export')),
  );
  router.get('/observations.csv', (req, res) =>
    observationsCsv(req, res, ds, cache, threshold).catch((err: unknown) => sendCaught(res, err, logger, 'export')),
  );
  return router;
}
