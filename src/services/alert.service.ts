import { In, MoreThanOrEqual, type DataSource } from 'typeorm';
import { signalMeaning, type Direction } from '../analytics/spc';
import type { Visibility } from '../auth/visibility';
import { todayIso } from '../domain/today';
import { Alert, Measure, MeasureLink, PartnershipArea, Plan } from '../entities';
import type { Logger } from '../logging/logger';
import { figureRows } from '../store/figure-rows';
import { insertChunked } from '../store/insert-chunked';
import { currentPlan } from './partnership.service';
import type { SeriesService } from './series.service';
import { improvementOf } from './spc.service';

// After an ingest changes figures, every measure it touched that a current plan links to a
// priority is charted for the partnership (its districts summed), and each special-cause
// signal not already recorded becomes an alert. The same rule and direction starting at the
// same period is the same signal: it is recorded once. Charts still on trial limits (fewer
// than 12 points) raise no alerts.

/** Maximal runs of consecutive indices: one signal may flag separate stretches. */
function stretches(indices: number[]): number[][] {
  const out: number[][] = [];
  for (const i of indices) {
    const last = out[out.length - 1];
    if (last && i === last[last.length - 1]! + 1) last.push(i);
    else out.push([i]);
  }
  return out;
}

export class AlertService {
  constructor(
    private readonly ds: DataSource,
    private readonly series: SeriesService,
  ) {}

  async detect(
    measureCodes: string[],
    ingestRunId: number | null,
    logger: Logger,
    today = todayIso(),
  ): Promise<number> {
    if (!measureCodes.length) return 0;
    const m = this.ds.manager;
    const links = await m.find(MeasureLink, { where: { measureCode: In(measureCodes) } });
    if (!links.length) return 0;
    const slugs = [...new Set(links.map((l) => l.partnershipSlug))];
    const [plans, areas, measures] = await Promise.all([
      m.find(Plan, { where: { partnershipSlug: In(slugs) } }),
      m.find(PartnershipArea, { where: { partnershipSlug: In(slugs) } }),
      m.find(Measure, { where: { code: In([...new Set(links.map((l) => l.measureCode))]) } }),
    ]);
    const districtCodes = [...new Set(areas.map((a) => a.areaCode))];
    const rows = await figureRows(
      this.ds,
      measures.map((x) => x.code),
      districtCodes,
    );
    // Only the alerts these measures could repeat, not every alert the partnerships ever had.
    const existing = await m.find(Alert, {
      where: { partnershipSlug: In(slugs), measureCode: In(measures.map((x) => x.code)) },
    });
    const known = new Set(
      existing.map(
        (a) => `${a.partnershipSlug}|${a.priorityId}|${a.measureCode}|${a.rule}|${a.direction}|${a.firstPeriod}`,
      ),
    );
    const fresh: Array<Partial<Alert>> = [];
    for (const slug of slugs) {
      const plan = currentPlan(
        plans.filter((p) => p.partnershipSlug === slug),
        today,
      );
      if (!plan) continue;
      const districts = areas
        .filter((a) => a.partnershipSlug === slug)
        .map((a) => a.areaCode)
        .sort();
      const population = new Map<string, number>();
      const pairs = new Map<string, MeasureLink>();
      for (const l of links)
        if (l.partnershipSlug === slug && l.priorityId.startsWith(`${plan.id}/`))
          pairs.set(`${l.priorityId}|${l.measureCode}`, l);
      for (const link of pairs.values()) {
        const measure = measures.find((x) => x.code === link.measureCode);
        if (!measure) continue;
        const polarity = link.polarity ?? measure.polarity;
        const core = this.series.build({
          measure: { ...measure, polarity },
          districts,
          combine: true,
          rows: rows.filter((o) => o.measureCode === measure.code && districts.includes(o.areaCode)),
          population,
          frequency: measure.frequency,
        });
        // Trial limits (fewer than 12 points) move as points arrive: no alert from them.
        const segment = core.spc.segments[core.spc.segments.length - 1];
        if (!segment || segment.trial) continue;
        const points = core.points.slice(core.spcStart);
        for (const signal of core.spc.signals) {
          for (const run of stretches(signal.indices)) {
            const first = points[run[0]!]!;
            const last = points[run[run.length - 1]!]!;
            const direction = signal.direction ?? 'NONE';
            const key = `${slug}|${link.priorityId}|${measure.code}|${signal.rule}|${direction}|${first.period}`;
            if (known.has(key)) continue;
            known.add(key);
            fresh.push({
              partnershipSlug: slug,
              priorityId: link.priorityId,
              measureCode: measure.code,
              area: districts.length === 1 ? districts[0]! : 'partnership',
              rule: signal.rule,
              direction,
              variation: signalMeaning(signal.direction as Direction | null, improvementOf(polarity)),
              firstPeriod: first.period,
              period: last.period,
              value: last.value,
              detectedAt: new Date(),
              ingestRunId,
            });
          }
        }
      }
    }
    await insertChunked(m, Alert, fresh);
    if (fresh.length)
      logger.info('alerts recorded', {
        alerts: fresh.length,
        partnerships: [...new Set(fresh.map((a) => a.partnershipSlug))],
      });
    return fresh.length;
  }

  /**
   * The partnership's alerts the viewer may see: those on measures that are not public only for
   * its members (and the owner). `measures` by code: the plan graph's, which the caller holds.
   */
  async list(
    partnershipSlug: string,
    since: Date | null,
    viewer: Visibility,
    measures: ReadonlyMap<string, Measure>,
  ): Promise<Alert[]> {
    const alerts = await this.ds.manager.find(Alert, {
      where: { partnershipSlug, ...(since ? { detectedAt: MoreThanOrEqual(since) } : {}) },
      order: { detectedAt: 'DESC', id: 'DESC' },
    });
    return alerts.filter((a) => {
      const measure = measures.get(a.measureCode);
      return measure !== undefined && viewer.seesPartnership(measure, partnershipSlug);
    });
  }
}
