import type { Database } from 'better-sqlite3';
import type { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { StoreBusyError } from '../errors/store-busy';
import { gateFor, type WriteGate } from './write-turn';

// How a write meets a busy SQLite store: it waits its turn, on timers, and never blocks the
// event loop. better-sqlite3 runs every statement synchronously, and SQLite's own busy handler
// sleeps inside the statement: a write that met another process's lock used to hold the whole
// process (every request) for up to the 10 s busy timeout, then fail with "database is locked".
// So the connections have no busy timeout (0), and:
//
// - every write of the hub takes its turn at the file's gate first (write-turn.ts): one writer
//   per file in this process, first come first served. The entry points are hooked here, once,
//   on the DataSource: its manager's writing methods (transaction, save, insert, update, delete,
//   upsert, ...) and raw SQL that writes (DataSource.query). Statements a transaction runs on its
//   own manager are already inside the turn.
// - holding the turn, the write takes the store's lock with BEGIN IMMEDIATE, tried again on a
//   short timer while another process holds it. TypeORM's better-sqlite3 driver has one query
//   runner per DataSource; its startTransaction sends "BEGIN TRANSACTION" through query(), which
//   is where the lock is taken instead. A write statement outside a transaction is wrapped in a
//   BEGIN IMMEDIATE and COMMIT of its own.
// - a write that has not got both within STORE_BUSY_WAIT_MS fails with StoreBusyError (503
//   STORE_BUSY with Retry-After over HTTP), having written nothing.
//
// Readers take no turn and no lock: in WAL mode they read the last committed state during a write.
// PostgreSQL keeps row locks and a pool of connections: none of this applies to it.

const WRITE_STATEMENT = /^\s*(INSERT|UPDATE|DELETE|REPLACE|CREATE|DROP|ALTER)\b/i;

/** The manager's methods that write: each is run in a turn of its own. */
const WRITING_METHODS = [
  'transaction',
  'save',
  'remove',
  'softRemove',
  'recover',
  'insert',
  'upsert',
  'update',
  'delete',
  'softDelete',
  'restore',
  'increment',
  'decrement',
  'clear',
] as const;

type AnyMethod = (...args: unknown[]) => Promise<unknown>;
type Transaction = <T>(work: (m: EntityManager) => Promise<T>) => Promise<T>;

/** What the hooks keep for one connection (one DataSource). */
interface Connection {
  db: Database;
  gate: WriteGate;
  waitMs: number;
  /** When the turn now held must have the store's lock by; set when a turn is granted. */
  deadline: number | null;
  /** The next BEGIN is deferred: it reads first, and takes the lock only if it writes (readThenWrite). */
  deferNext: boolean;
  /** The manager's transaction without the turn (for work already holding one). */
  transaction: Transaction;
}

/** The query runner's fields TypeORM keeps protected. */
interface RunnerState {
  isTransactionActive: boolean;
}

const connections = new WeakMap<DataSource, Connection>();

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** SQLite said the store is locked by another connection (SQLITE_BUSY and its extended codes). */
export function isSqliteBusy(err: unknown): boolean {
  const codeOf = (e: unknown): unknown =>
    typeof e === 'object' && e !== null && 'code' in e ? (e as { code: unknown }).code : undefined;
  const driverError =
    typeof err === 'object' && err !== null && 'driverError' in err
      ? (err as { driverError: unknown }).driverError
      : undefined;
  const code = codeOf(err) ?? codeOf(driverError);
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY');
}

/** BEGIN IMMEDIATE, tried again on a timer (2 ms, doubling to 50 ms) until the turn's deadline. */
async function lockStore(c: Connection): Promise<void> {
  const deadline = c.deadline ?? Date.now() + c.waitMs;
  // Later transactions in the same turn (a migration each) get a wait of their own.
  c.deadline = null;
  let pause = 2;
  for (;;) {
    try {
      c.db.exec('BEGIN IMMEDIATE');
      return;
    } catch (err) {
      if (!isSqliteBusy(err)) throw err;
    }
    const left = deadline - Date.now();
    if (left <= 0) throw new StoreBusyError(c.waitMs);
    await sleep(Math.min(pause, left));
    pause = Math.min(pause * 2, 50);
  }
}

/** Runs `work` in a turn at the file's gate; its lock must come within the same wait. */
function inTurn<T>(c: Connection, work: () => Promise<T>): Promise<T> {
  const asked = Date.now();
  return c.gate.run(c.waitMs, async () => {
    c.deadline = asked + c.waitMs;
    try {
      return await work();
    } finally {
      c.deadline = null;
      c.deferNext = false;
    }
  });
}

function hookRunner(runner: QueryRunner, c: Connection): void {
  const query = runner.query.bind(runner) as (
    sql: string,
    parameters?: unknown[],
    structured?: boolean,
  ) => Promise<unknown>;
  const state = runner as unknown as RunnerState;
  const hooked = async (sql: string, parameters?: unknown[], structured?: boolean): Promise<unknown> => {
    // Sent by startTransaction at depth 0 (deeper ones are savepoints).
    if (sql === 'BEGIN TRANSACTION') {
      try {
        if (c.deferNext) {
          c.deferNext = false;
          c.db.exec('BEGIN');
        } else await lockStore(c);
      } catch (err) {
        // startTransaction marks the transaction active before BEGIN; a BEGIN that failed must
        // not leave it so, or the next save() would think itself inside a transaction.
        state.isTransactionActive = false;
        throw err;
      }
      return undefined;
    }
    if (c.db.inTransaction || !WRITE_STATEMENT.test(sql)) return query(sql, parameters, structured);
    // A write outside a transaction (an update, a migration's CREATE): its own lock and commit.
    await lockStore(c);
    try {
      const out = await query(sql, parameters, structured);
      c.db.exec('COMMIT');
      return out;
    } catch (err) {
      if (c.db.inTransaction) c.db.exec('ROLLBACK');
      throw err;
    }
  };
  runner.query = hooked as QueryRunner['query'];
}

function hookEntryPoints(ds: DataSource, c: Connection): void {
  const manager = ds.manager as unknown as Record<string, AnyMethod>;
  for (const name of WRITING_METHODS) {
    const method = (manager[name] as AnyMethod).bind(ds.manager);
    manager[name] = (...args: unknown[]) => inTurn(c, () => method(...args));
  }
  const query = ds.query.bind(ds) as (sql: string, parameters?: unknown[], runner?: QueryRunner) => Promise<unknown>;
  // A runner given means the statement belongs to a transaction, which holds the turn already.
  const hooked = (sql: string, parameters?: unknown[], runner?: QueryRunner): Promise<unknown> =>
    runner || !WRITE_STATEMENT.test(sql) ? query(sql, parameters, runner) : inTurn(c, () => query(sql, parameters));
  ds.query = hooked as DataSource['query'];
}

/**
 * Makes every write through `ds` (an initialised better-sqlite3 DataSource) wait its turn as
 * described above, for at most `waitMs`. Anything else is left as it is.
 */
export function installWriteTurns(ds: DataSource, waitMs: number): void {
  if (ds.options.type !== 'better-sqlite3' || connections.has(ds)) return;
  const db = (ds.driver as unknown as { databaseConnection: Database }).databaseConnection;
  // The serving connection must never sleep inside a statement: waits happen on timers here.
  db.pragma('busy_timeout = 0');
  const transaction = ds.manager.transaction.bind(ds.manager) as Transaction;
  const c: Connection = {
    db,
    gate: gateFor(ds.options.database as string),
    waitMs,
    deadline: null,
    deferNext: false,
    transaction,
  };
  connections.set(ds, c);
  // The driver's one query runner: every statement of this DataSource goes through it.
  hookRunner(ds.createQueryRunner(), c);
  hookEntryPoints(ds, c);
}

/** How long writes through `ds` wait for their turn (null when it is not a hooked SQLite store). */
export function writeWaitMs(ds: DataSource): number | null {
  return connections.get(ds)?.waitMs ?? null;
}

/**
 * A transaction that usually only reads (a reference load of unchanged files, summaries that
 * come out the same). On SQLite it begins deferred, taking the store's lock only if it writes;
 * if another process holds the lock then, it is rolled back and run again from the start with
 * BEGIN IMMEDIATE, waiting its turn. So it never waits when it writes nothing. `work` must do
 * nothing but the transaction's statements: it may run twice.
 */
export async function readThenWrite<T>(ds: DataSource, work: (m: EntityManager) => Promise<T>): Promise<T> {
  const c = connections.get(ds);
  if (!c) return ds.transaction(work);
  return inTurn(c, async () => {
    c.deferNext = true;
    try {
      return await c.transaction(work);
    } catch (err) {
      if (!isSqliteBusy(err)) throw err;
    }
    c.deferNext = false;
    return c.transaction(work);
  });
}
