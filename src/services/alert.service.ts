import { In, MoreThanOrEqual, type DataSource } from 'typeorm';
import { signalMeaning, type Direction } from '../analytics/spc';
import type { Visibility } from '../auth/visibility';
import { todayIso } from '../domain/today';
import { AlertState } from '../domain/enums';
import { Alert, Measure, MeasureLink, PartnershipArea, Plan } from '../entities';
import type { Logger } from '../logging/logger';
import { figureRows } from '../store/figure-rows';
import { insertChunked } from '../store/insert-chunked';
import { yieldToLoop } from '../store/yield-to-loop';
import { currentPlan } from './partnership.service';
import type { SeriesService } from './series.service';
import { improvementOf } from './spc.service';

// After an ingest changes figures, every measure it touched that a current plan links to a
// priority is charted for the partnership (its districts summed), and each special-cause
// signal not already recorded becomes an alert. The same rule and direction starting at the
// same period is the same signal: it is recorded once. Charts still on trial limits (fewer
// than 12 points) raise no alerts. An alert whose signal the chart no longer shows (a figure
// was revised or withdrawn, or the chart went back on trial limits) is retracted with the
// reason, and stands again if a later change brings the signal back.

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

/** The same rule and direction starting at the same period, for the same link: the same signal. */
const alertKey = (
  a: Pick<Alert, 'partnershipSlug' | 'priorityId' | 'measureCode' | 'rule' | 'direction' | 'firstPeriod'>,
): string => `${a.partnershipSlug}|${a.priorityId}|${a.measureCode}|${a.rule}|${a.direction}|${a.firstPeriod}`;

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
    const byKey = new Map(existing.map((a) => [alertKey(a), a]));
    const fresh: Array<Partial<Alert>> = [];
    const revived: Array<{ alert: Alert; period: string; value: number | null }> = [];
    const retracted: Array<{ alert: Alert; reason: string }> = [];
    const changed = ingestRunId === null ? 'The figures changed' : `The figures changed in run ${ingestRunId}`;
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
        // A chart at a time, then the event loop: a big aftermath must not starve requests.
        await yieldToLoop();
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
        const trial = !segment || segment.trial;
        const standing = new Set<string>();
        const points = core.points.slice(core.spcStart);
        for (const signal of trial ? [] : core.spc.signals) {
          for (const run of stretches(signal.indices)) {
            const first = points[run[0]!]!;
            const last = points[run[run.length - 1]!]!;
            const direction = signal.direction ?? 'NONE';
            const key = `${slug}|${link.priorityId}|${measure.code}|${signal.rule}|${direction}|${first.period}`;
            standing.add(key);
            const known = byKey.get(key);
            if (known) {
              // A signal a change had taken away and a later change brought back stands again.
              if (known.state === AlertState.RETRACTED && !revived.some((r) => r.alert === known))
                revived.push({ alert: known, period: last.period, value: last.value });
              continue;
            }
            const alert: Partial<Alert> = {
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
              state: AlertState.ACTIVE,
              retractedAt: null,
              retractionReason: null,
            };
            byKey.set(key, alert as Alert);
            fresh.push(alert);
          }
        }
        // An alert the figures no longer show is retracted, with the reason: a revised or
        // withdrawn figure must not leave a signal standing that its chart no longer has.
        for (const a of existing) {
          if (a.partnershipSlug !== slug || a.priorityId !== link.priorityId || a.measureCode !== measure.code)
            continue;
          if (a.state !== AlertState.ACTIVE || standing.has(alertKey(a))) continue;
          retracted.push({
            alert: a,
            reason: trial
              ? `${changed}: the chart is back on trial limits (fewer than 12 points), which raise no alerts.`
              : `${changed}: the chart no longer shows this signal.`,
          });
        }
      }
    }
    const now = new Date();
    // Nothing to record takes no turn at the store.
    if (fresh.length || revived.length || retracted.length)
      await this.ds.transaction(async (tx) => {
        await insertChunked(tx, Alert, fresh);
        // Detected again: it says so by its time and run, and flags the periods it flags now.
        for (const r of revived)
          await tx.update(
            Alert,
            { id: r.alert.id },
            {
              state: AlertState.ACTIVE,
              retractedAt: null,
              retractionReason: null,
              period: r.period,
              value: r.value,
              detectedAt: now,
              ingestRunId,
            },
          );
        for (const { alert, reason } of retracted)
          await tx.update(
            Alert,
            { id: alert.id },
            { state: AlertState.RETRACTED, retractedAt: now, retractionReason: reason },
          );
      });
    if (fresh.length || revived.length || retracted.length)
      logger.info('alerts recorded', {
        alerts: fresh.length,
        revived: revived.length,
        retracted: retracted.length,
        partnerships: [
          ...new Set(
            [...fresh, ...revived.map((r) => r.alert), ...retracted.map((r) => r.alert)].map((a) => a.partnershipSlug),
          ),
        ],
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
    includeRetracted = false,
  ): Promise<Alert[]> {
    const alerts = await this.ds.manager.find(Alert, {
      where: {
        partnershipSlug,
        ...(since ? { detectedAt: MoreThanOrEqual(since) } : {}),
        ...(includeRetracted ? {} : { state: AlertState.ACTIVE }),
      },
      order: { detectedAt: 'DESC', id: 'DESC' },
    });
    return alerts.filter((a) => {
      const measure = measures.get(a.measureCode);
      return measure !== undefined && viewer.seesPartnership(measure, partnershipSlug);
    });
  }
}
