import type { DataSource, EntityManager } from 'typeorm';
import { RunStatus } from '../domain/enums';
import { IngestRun } from '../entities';

// One record of every way figures come in: a connector's run and a partner's submission alike
// are an ingest run, opened RUNNING before anything is read and closed SUCCEEDED or FAILED
// after, so `ingestRuns` lists every door's work in one place and a run is never left RUNNING
// by a failure the process survived (one it does not survive is marked by the next lease).

export interface RunStart {
  datasetId: string;
  trigger: string;
  /** The source as published (a file name or URL, or what kind of submission). */
  source: string;
  forced?: boolean;
  rowsRead?: number;
}

export interface RunTotals {
  rowsRead: number;
  rowsWritten: number;
  rowsRejected: number;
}

export class RunRecorder {
  private constructor(
    private readonly ds: DataSource,
    /** The run as recorded so far. */
    readonly run: IngestRun,
  ) {}

  /**
   * Closes the runs of a dataset a process left RUNNING when it died (found when its lease is
   * taken over): FAILED, saying nothing they read was written. Returns how many.
   */
  static async markInterrupted(ds: DataSource, datasetId: string): Promise<number> {
    const result = await ds.manager.update(
      IngestRun,
      { datasetId, status: RunStatus.RUNNING },
      {
        status: RunStatus.FAILED,
        finishedAt: new Date(),
        error: 'interrupted: the process running it ended before it finished; nothing it read was written',
      },
    );
    return result.affected ?? 0;
  }

  /** Records a run as started. */
  static async start(ds: DataSource, start: RunStart): Promise<RunRecorder> {
    const run = await ds.manager.save(
      IngestRun,
      ds.manager.create(IngestRun, {
        datasetId: start.datasetId,
        status: RunStatus.RUNNING,
        trigger: start.trigger,
        forced: start.forced === true,
        source: start.source,
        startedAt: new Date(),
        finishedAt: null,
        rowsRead: start.rowsRead ?? 0,
        rowsWritten: 0,
        rowsRejected: 0,
        error: null,
        errorDetail: null,
        notes: [],
      }),
    );
    return new RunRecorder(ds, run);
  }

  /**
   * Records the run as succeeded. Given the writing transaction's manager, the record commits
   * with the figures: a run is never left saying RUNNING or FAILED over figures it committed
   * (the store busy with another write just after the commit, say).
   */
  async succeeded(
    totals: RunTotals,
    manager: EntityManager = this.ds.manager,
    notes: string[] = [],
  ): Promise<IngestRun> {
    Object.assign(this.run, { status: RunStatus.SUCCEEDED, finishedAt: new Date(), ...totals, notes });
    return manager.save(IngestRun, this.run);
  }

  /**
   * `error` is for anyone who may read the run (src/ingest/run-error.ts); `detail`, the failure's
   * whole text, is kept for the hub's operators only.
   */
  async failed(error: string, detail: string = error): Promise<IngestRun> {
    Object.assign(this.run, { status: RunStatus.FAILED, finishedAt: new Date(), error, errorDetail: detail });
    return this.ds.manager.save(IngestRun, this.run);
  }
}
