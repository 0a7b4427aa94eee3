import { StoreBusyError } from '../errors/store-busy';

// One writer at a time per SQLite file within a process, first come first served. SQLite itself
// lets one connection write at a time; across processes that is settled by BEGIN IMMEDIATE
// retried on a timer (sqlite-writes.ts). Within a process the hub's connections to one file
// (the serving one and an ingest's bulk one) queue here instead, so a write never meets its own
// process's lock, and the queue is fair: a submission waiting behind an ingest is next, not
// beaten by whatever comes later. Readers never take a turn (WAL lets them read during a write).
//
// Pure: timers and promises, no store. A turn not granted within its wait fails with
// StoreBusyError and leaves the queue.

interface Waiter {
  grant: () => void;
}

export class WriteGate {
  private held = false;
  private readonly queue: Waiter[] = [];

  /** Writes queued behind the one holding the turn. */
  get waiting(): number {
    return this.queue.length;
  }

  get busy(): boolean {
    return this.held;
  }

  /**
   * Waits for the turn (at most `waitMs`) and returns its release, which hands the turn to the
   * next in line. Releasing twice is harmless.
   */
  acquire(waitMs: number): Promise<() => void> {
    if (!this.held) {
      this.held = true;
      return Promise.resolve(this.releaser());
    }
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        grant: () => {
          clearTimeout(timer);
          resolve(this.releaser());
        },
      };
      const timer = setTimeout(() => {
        const at = this.queue.indexOf(waiter);
        if (at !== -1) this.queue.splice(at, 1);
        reject(new StoreBusyError(waitMs));
      }, waitMs);
      this.queue.push(waiter);
    });
  }

  /** Runs `work` in a turn; the turn is released however `work` ends. */
  async run<T>(waitMs: number, work: () => Promise<T>): Promise<T> {
    const release = await this.acquire(waitMs);
    try {
      return await work();
    } finally {
      release();
    }
  }

  private releaser(): () => void {
    let done = false;
    return () => {
      if (done) return;
      done = true;
      // Handed straight to the next in line: the turn is never free for a later comer to take.
      const next = this.queue.shift();
      if (next) next.grant();
      else this.held = false;
    };
  }
}

const gates = new Map<string, WriteGate>();

/** The gate of one store file (by its absolute path), shared by every connection to it in this process. */
export function gateFor(file: string): WriteGate {
  let gate = gates.get(file);
  if (!gate) {
    gate = new WriteGate();
    gates.set(file, gate);
  }
  return gate;
}
