import { isStoreBusy } from '../errors/store-busy';
import type { Logger } from '../logging/logger';

// A process starting while another holds the store (a long ingest run from the command line)
// should wait for it rather than fail to start: its start-up writes (the reference load, the
// start-up ingest, the schedule) get several turns of STORE_BUSY_WAIT_MS, not one.

export const START_UP_TURNS = 6;

/** Runs `work`, again while it fails only because the store was busy, up to `turns` times in all. */
export async function inTurns<T>(
  what: string,
  logger: Logger,
  work: () => Promise<T>,
  turns = START_UP_TURNS,
): Promise<T> {
  for (let turn = 1; ; turn += 1) {
    try {
      return await work();
    } catch (err) {
      if (!isStoreBusy(err) || turn >= turns) throw err;
      logger.warn(`${what}: the store is busy with another write; waiting another turn`, { turn, of: turns });
    }
  }
}
