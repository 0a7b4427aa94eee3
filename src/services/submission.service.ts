import { In, type DataSource } from 'typeorm';
import { parsePeriod } from '../analytics/period';
import { memberAreasSql } from '../auth/member-scope';
import { suppressedShapeProblem } from '../auth/visibility';
import { holdsNul } from '../domain/text';
import { todayIso } from '../domain/today';
import { figureProblem, periodProblem, textProblem } from '../ingest/row-rules';
import { Area, Measure } from '../entities';
import { ErrorCode } from '../errors/error-code';
import { HubError } from '../errors/hub-error';
import { isStoreBusy } from '../errors/store-busy';
import type { Logger } from '../logging/logger';
import type { Principal } from '../server/access';
import type { ObservationInput } from '../ingest/connector';
import { notWithdrawable, withdrawObservations, writeObservations, type FigureKey } from '../ingest/observation-writer';
import { rawRows } from '../store/sql';
import type { FiguresChanged } from '../ingest/figures-changed';
import { RunRecorder } from '../ingest/run-recorder';

// A partner's own figures, submitted with its API key. The whole submission is checked first:
// every row must be a measure the key's organisation owns, for an area of a partnership it
// belongs to (a district, or an LSOA in one), with a real period, a value (or suppressed), no
// negative count and no second row for the same measure, area and period. Any problem refuses
// the whole submission, listing each row and reason, and writes nothing. Otherwise it is
// recorded as a run (who, when) and written in one transaction, keeping earlier values.

export const SUBMISSION_DATASET = 'partner-feed';
export const MAX_SUBMISSION_ROWS = 10_000;

export interface SubmittedRow extends ObservationInput {
  /** 1-based position in the submission (the CSV line for an upload). */
  row: number;
}

export interface RowProblem {
  row: number;
  reason: string;
}

/** The source a partner's submitted figures are the word of (see Observation.sourceKey). */
export const submissionSource = (organisationId: string): string => `submission:${organisationId}`;

export interface WithdrawalResult {
  runId: number;
  withdrawn: number;
  fellBack: number;
  dropped: number;
}

/** Keys of a withdrawal the organisation has submitted no value for, by their position. */
class NotSubmittedError extends Error {
  readonly rows: RowProblem[];
  constructor(missing: FigureKey[], keys: FigureKey[]) {
    super('not submitted');
    const missed = new Set(missing);
    this.rows = keys.flatMap((k, i) =>
      missed.has(k) ? [{ row: i + 1, reason: 'no value submitted by this organisation for this figure' }] : [],
    );
  }
}

function notSubmitted(err: NotSubmittedError, organisationId: string): HubError {
  return new HubError(
    ErrorCode.NOT_FOUND,
    `${err.rows.length} figure(s) have no value submitted by ${organisationId}; nothing was withdrawn.`,
    { rows: err.rows },
  );
}

export interface SubmissionResult {
  runId: number;
  rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
}

export class SubmissionService {
  constructor(
    private readonly ds: DataSource,
    /** The process's one figures-changed hook. */
    private readonly figuresChanged: FiguresChanged,
    private readonly logger: Logger,
  ) {}

  async submit(principal: Principal | null, rows: SubmittedRow[], source: string): Promise<SubmissionResult> {
    if (!principal)
      throw new HubError(
        ErrorCode.UNAUTHENTICATED,
        'Submitting figures needs an API key (Authorization: Bearer <key>).',
      );
    if (rows.length === 0) throw new HubError(ErrorCode.BAD_USER_INPUT, 'The submission holds no rows.');
    if (rows.length > MAX_SUBMISSION_ROWS)
      throw new HubError(ErrorCode.BAD_USER_INPUT, `A submission may hold at most ${MAX_SUBMISSION_ROWS} rows.`);
    const problems = await this.check(principal, rows);
    if (problems.forbidden.length) {
      throw new HubError(
        ErrorCode.FORBIDDEN,
        `${problems.forbidden.length} row(s) are not this organisation's to submit; nothing was written.`,
        { rows: problems.forbidden },
      );
    }
    if (problems.invalid.length) {
      throw new HubError(
        ErrorCode.BAD_USER_INPUT,
        `${problems.invalid.length} row(s) are not valid; nothing was written.`,
        { rows: problems.invalid },
      );
    }
    const recorder = await RunRecorder.start(this.ds, {
      datasetId: SUBMISSION_DATASET,
      trigger: `submission by ${principal.organisationId} (key ${principal.keyPrefix})`,
      source,
      rowsRead: rows.length,
    });
    const run = recorder.run;
    let counts;
    try {
      counts = await this.ds.transaction(async (tm) => {
        const written = await writeObservations(tm, rows, {
          datasetId: SUBMISSION_DATASET,
          sourceKey: submissionSource(principal.organisationId),
          ingestRunId: run.id,
          sourceUrl: source,
          retrievedAt: new Date(),
        });
        await recorder.succeeded(
          { rowsRead: rows.length, rowsWritten: written.inserted + written.updated, rowsRejected: 0 },
          tm,
        );
        return written;
      });
    } catch (err) {
      // The write rolled back: the run says so rather than staying RUNNING.
      await this.recordFailure(recorder, err);
      throw err;
    }
    this.logger.info('submission accepted', {
      run: run.id,
      organisation: principal.organisationId,
      // The prefix names the key without being it; `key` itself is a redacted field.
      keyPrefix: principal.keyPrefix,
      rows: rows.length,
      ...counts,
    });
    await this.figuresChanged.figures(counts.changedMeasures, run.id);
    return {
      runId: run.id,
      rows: rows.length,
      inserted: counts.inserted,
      updated: counts.updated,
      unchanged: counts.unchanged,
    };
  }

  /**
   * Withdraws figures the key's organisation submitted. Every key must name a figure the
   * organisation has a submitted value for, or the whole withdrawal is refused and nothing is
   * written. The withdrawn values stay as revisions; each figure falls back to another source's
   * latest value where there is one, and otherwise is no longer served. Recorded as a run.
   */
  async withdraw(principal: Principal | null, keys: FigureKey[]): Promise<WithdrawalResult> {
    if (!principal)
      throw new HubError(
        ErrorCode.UNAUTHENTICATED,
        'Withdrawing figures needs an API key (Authorization: Bearer <key>).',
      );
    if (keys.length === 0) throw new HubError(ErrorCode.BAD_USER_INPUT, 'The withdrawal names no figures.');
    if (keys.length > MAX_SUBMISSION_ROWS)
      throw new HubError(ErrorCode.BAD_USER_INPUT, `A withdrawal may name at most ${MAX_SUBMISSION_ROWS} figures.`);
    const seen = new Map<string, number>();
    const duplicates: RowProblem[] = [];
    keys.forEach((k, i) => {
      const id = `${k.measureCode}|${k.areaCode}|${k.period}`;
      const first = seen.get(id);
      if (first !== undefined) duplicates.push({ row: i + 1, reason: `duplicate of row ${first}` });
      else seen.set(id, i + 1);
    });
    if (duplicates.length)
      throw new HubError(
        ErrorCode.BAD_USER_INPUT,
        `${duplicates.length} row(s) are not valid; nothing was withdrawn.`,
        { rows: duplicates },
      );
    const source = submissionSource(principal.organisationId);
    // Checked before anything is recorded: a refused withdrawal leaves the store as it was.
    const missing = await notWithdrawable(this.ds.manager, keys, source);
    if (missing.length) throw notSubmitted(new NotSubmittedError(missing, keys), principal.organisationId);
    const recorder = await RunRecorder.start(this.ds, {
      datasetId: SUBMISSION_DATASET,
      trigger: `withdrawal by ${principal.organisationId} (key ${principal.keyPrefix})`,
      source: 'withdrawal: GraphQL',
      rowsRead: keys.length,
    });
    const run = recorder.run;
    let outcome;
    try {
      outcome = await this.ds.transaction(async (tm) => {
        const done = await withdrawObservations(tm, keys, {
          datasetId: SUBMISSION_DATASET,
          sourceKey: source,
          ingestRunId: run.id,
          sourceUrl: 'withdrawal: GraphQL',
          retrievedAt: new Date(),
        });
        // Nothing was written when a key is not the organisation's: the run says so.
        if (done.missing.length) throw new NotSubmittedError(done.missing, keys);
        return done;
      });
    } catch (err) {
      const refused = err instanceof NotSubmittedError;
      if (refused)
        await recorder.failed(
          `${err.rows.length} figure(s) have no value submitted by this organisation; nothing was withdrawn`,
        );
      else await this.recordFailure(recorder, err);
      if (refused) throw notSubmitted(err, principal.organisationId);
      throw err;
    }
    await recorder.succeeded({
      rowsRead: keys.length,
      rowsWritten: outcome.withdrawn + outcome.dropped,
      rowsRejected: 0,
    });
    this.logger.info('withdrawal accepted', {
      run: run.id,
      organisation: principal.organisationId,
      keyPrefix: principal.keyPrefix,
      withdrawn: outcome.withdrawn,
      fellBack: outcome.fellBack,
      dropped: outcome.dropped,
    });
    await this.figuresChanged.figures(outcome.changedMeasures, run.id);
    return {
      runId: run.id,
      withdrawn: outcome.withdrawn,
      fellBack: outcome.fellBack,
      dropped: outcome.dropped,
    };
  }

  /** Closes a run whose write rolled back. A store still busy may refuse even that: the log keeps it. */
  private async recordFailure(recorder: RunRecorder, err: unknown): Promise<void> {
    const message = isStoreBusy(err)
      ? 'the store was busy with another write; nothing was written'
      : 'the store refused the write; nothing was written';
    try {
      await recorder.failed(message);
    } catch (recordErr) {
      this.logger.error('submission failure not recorded', { run: recorder.run.id, error: recordErr });
    }
  }

  private async check(
    principal: Principal,
    rows: SubmittedRow[],
  ): Promise<{ invalid: RowProblem[]; forbidden: RowProblem[] }> {
    const m = this.ds.manager;
    // A code holding a NUL is never looked up: PostgreSQL would fail the statement, and no
    // measure or area has one. Its row is refused below, naming the field.
    const codes = [...new Set(rows.map((r) => r.measureCode).filter((c) => !holdsNul(c)))];
    const areaCodes = [...new Set(rows.map((r) => r.areaCode).filter((c) => !holdsNul(c)))];
    const [measures, areas, memberAreas] = await Promise.all([
      m.find(Measure, { where: { code: In(codes) } }),
      m.find(Area, { where: { code: In(areaCodes) } }),
      // The areas where the organisation is a member, by the rule that decides what it may see.
      rawRows<{ code: string }>(this.ds, memberAreasSql(this.ds, 1), [principal.organisationId]),
    ]);
    const memberOf = new Set(memberAreas.map((a) => a.code));
    const measureOf = new Map(measures.map((x) => [x.code, x]));
    const areaOf = new Map(areas.map((a) => [a.code, a]));
    const invalid: RowProblem[] = [];
    const forbidden: RowProblem[] = [];
    const seen = new Map<string, number>();
    const today = todayIso();
    // Reasons name the field, never its value: they go back to the caller, and a value echoed
    // back may be markup a careless page shows, or a secret pasted into the wrong column.
    for (const r of rows) {
      const bad = (reason: string): void => void invalid.push({ row: r.row, reason });
      // Text no store may hold (a NUL): the row is refused for that alone, as its codes were
      // not looked up.
      const text = textProblem(r);
      if (text) {
        bad(text);
        continue;
      }
      const measure = measureOf.get(r.measureCode);
      if (!measure) bad('the measure is not one the hub knows');
      else if (measure.ownerOrganisationId !== principal.organisationId)
        forbidden.push({ row: r.row, reason: `the measure is not one ${principal.organisationId} owns` });
      if (!areaOf.has(r.areaCode)) bad('the area is not one the hub knows');
      else if (!memberOf.has(r.areaCode))
        forbidden.push({
          row: r.row,
          reason: `the area is not in a partnership ${principal.organisationId} belongs to`,
        });
      const unreadable = [r.value, r.numerator, r.denominator].some(
        (v) => typeof v === 'number' && !Number.isFinite(v),
      );
      if (r.value === null && !r.suppressed) bad('no value: give a number, or mark it suppressed');
      if (r.value !== null && !Number.isFinite(r.value)) bad('the value is not a number');
      for (const [name, v] of [
        ['numerator', r.numerator],
        ['denominator', r.denominator],
      ] as const) {
        if (v !== null && v !== undefined && !Number.isFinite(v)) bad(`the ${name} is not a number`);
      }
      // The rules every figure meets, whatever its door (src/ingest/row-rules.ts); a value that
      // could not be read as a number has been refused above already.
      const rule = unreadable
        ? null
        : measure
          ? figureProblem(r, measure, today)
          : periodProblem(r.period, null, today);
      if (rule) bad(rule);
      else if (measure && !unreadable) {
        const shape = suppressedShapeProblem(
          measure,
          parsePeriod(r.period).frequency,
          areaOf.get(r.areaCode)?.type ?? null,
        );
        if (shape) bad(shape);
      }
      const key = `${r.measureCode}|${r.areaCode}|${r.period}`;
      if (seen.has(key)) bad(`duplicate of row ${seen.get(key)} (same measure, area and period)`);
      else seen.set(key, r.row);
    }
    return { invalid: invalid.sort((a, b) => a.row - b.row), forbidden: forbidden.sort((a, b) => a.row - b.row) };
  }
}
