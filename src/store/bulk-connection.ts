import { DataSource, type DataSourceOptions } from 'typeorm';
import { installWriteTurns, writeWaitMs } from './sqlite-writes';

// A second connection to the same SQLite file for the long writes of an ingest, so that the
// serving connection stays free: requests read through it the last committed figures while an
// ingest's transaction is open on this one (WAL), and never see its uncommitted rows. Both
// connections take their turns at the same gate (write-turn.ts). The writer yields to the event
// loop between chunks on this connection only (observation-writer.ts): on the serving connection
// a request would then read inside the open transaction.
//
// Opened on first use and closed with the DataSource it belongs to. On PostgreSQL the pool
// already gives each transaction its own connection: the DataSource itself is returned.

const bulk = new WeakMap<DataSource, Promise<DataSource>>();

async function open(ds: DataSource, waitMs: number): Promise<DataSource> {
  const second = new DataSource({ ...ds.options } as DataSourceOptions);
  await second.initialize();
  installWriteTurns(second, waitMs);
  return second;
}

/** The connection an ingest writes through: a second one on SQLite, `ds` itself otherwise. */
export function bulkConnection(ds: DataSource): Promise<DataSource> {
  const waitMs = writeWaitMs(ds);
  if (waitMs === null) return Promise.resolve(ds);
  let found = bulk.get(ds);
  if (!found) {
    found = open(ds, waitMs);
    bulk.set(ds, found);
    // Closed with its DataSource, whoever closes that (the hub, the CLI, a script, a test).
    const destroy = ds.destroy.bind(ds);
    const opened = found;
    ds.destroy = async () => {
      const second = await opened.catch(() => null);
      if (second?.isInitialized) await second.destroy();
      return destroy();
    };
  }
  return found;
}
