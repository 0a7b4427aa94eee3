import { QueryFailedError, type DataSource, type EntityManager } from 'typeorm';
import { StoreBusyError } from '../errors/store-busy';

// How a write meets a busy PostgreSQL store. Readers never wait there (MVCC), but a write that
// needs a row another transaction has written and not yet committed (a long ingest changing the
// same figures, say) waits for that transaction to end, however long it takes. A submission
// waiting like that used to outlast REQUEST_TIMEOUT_MS: its caller got 503 TIMEOUT, and the write
// then went ahead when the lock was released. A refused request changed the store.
//
// So every transaction begins with SET LOCAL lock_timeout = STORE_BUSY_WAIT_MS. A statement still
// waiting for a lock after that fails with lock_not_available (55P03), and its transaction is
// rolled back. That failure becomes StoreBusyError here, as on SQLite (sqlite-writes.ts): 503
// STORE_BUSY with Retry-After over HTTP, retried by the scheduler and at start-up, nothing written.
// Migrations run before this is installed, so they wait for their locks as before.

const LOCK_NOT_AVAILABLE = '55P03';

/** Whether `err` is PostgreSQL's refusal of a statement that waited longer than lock_timeout. */
export function isLockTimeout(err: unknown): boolean {
  return (
    err instanceof QueryFailedError && (err.driverError as { code?: unknown } | undefined)?.code === LOCK_NOT_AVAILABLE
  );
}

type Work<T> = (m: EntityManager) => Promise<T>;
type AnyTransaction = (...args: unknown[]) => Promise<unknown>;

const installed = new WeakSet<DataSource>();

/** Gives every transaction through `ds` (a PostgreSQL DataSource) a lock timeout of `waitMs`; see above. */
export function installLockTimeouts(ds: DataSource, waitMs: number): void {
  if (ds.options.type !== 'postgres' || installed.has(ds)) return;
  installed.add(ds);
  const timeout = Math.max(1, Math.round(waitMs));
  const manager = ds.manager as unknown as { transaction: AnyTransaction };
  const transaction = manager.transaction.bind(ds.manager);
  // transaction(work) or transaction(isolationLevel, work); DataSource.transaction passes both
  // places, the second undefined when there is no isolation level: the work is the function.
  manager.transaction = async (...args: unknown[]): Promise<unknown> => {
    const at = args.findIndex((a) => typeof a === 'function');
    const work = args[at] as Work<unknown>;
    const limited: Work<unknown> = async (m) => {
      await m.query(`SET LOCAL lock_timeout = ${timeout}`);
      return work(m);
    };
    try {
      return await transaction(...args.map((a, i) => (i === at ? limited : a)));
    } catch (err) {
      if (isLockTimeout(err)) throw new StoreBusyError(waitMs);
      throw err;
    }
  };
}
