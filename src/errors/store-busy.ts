import { HeaderMap } from '@apollo/server';
import { ErrorCode } from './error-code';
import { HubError } from './hub-error';

// A write that did not get its turn at a SQLite store within STORE_BUSY_WAIT_MS: another write
// held the store (another process, or a long ingest in this one). Nothing was written. Over
// HTTP it is 503 with Retry-After, on REST paths and through GraphQL alike: `http` is Apollo's
// way for an error to set the response's status and headers (as the limits plugin's 400s do);
// the REST paths read the same fields (src/server/error-response.ts).

/** Seconds a caller is told to wait: the time a write waits for its turn, whole seconds, at least 1. */
export const retryAfterSeconds = (waitMs: number): number => Math.max(1, Math.ceil(waitMs / 1000));

export class StoreBusyError extends HubError {
  readonly retryAfter: number;

  constructor(waitMs: number) {
    const seconds = retryAfterSeconds(waitMs);
    super(
      ErrorCode.STORE_BUSY,
      `The store is busy with another write; nothing was written. Try again after ${seconds} second${seconds === 1 ? '' : 's'}.`,
      {
        retryAfterSeconds: seconds,
        http: { status: 503, headers: new HeaderMap([['retry-after', String(seconds)]]) },
      },
    );
    this.name = 'StoreBusyError';
    this.retryAfter = seconds;
  }
}

export const isStoreBusy = (err: unknown): err is StoreBusyError => err instanceof StoreBusyError;
