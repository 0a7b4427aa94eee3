import { CsvFormatError } from './csv/csv-reader';
import { RunFailure, SourceFormatError } from './connector';
import { SourceFetchError } from './source';
import { SuspectDeliveryError } from './whole-source';
import { StoreBusyError } from '../errors/store-busy';

// What a failed run says to the people who read its record (`ingestRuns { error }`, anyone at
// all) and what it says to the server log. The record takes the message only of the failures
// the hub words itself, each written never to quote the source (a line number, the columns
// expected, the codes of figures); any other error (a bug, the store refusing a statement, a
// file system error naming an absolute path) may hold anything, so the record says only that
// the run failed and the log has the rest. The same rule as the GraphQL error masking
// (src/errors/format-error.ts), for the errors that outlive the request.

export const UNEXPECTED_RUN_ERROR = 'the run failed on an unexpected error; the details are in the server log';

export interface RunError {
  /** For the run's record: fit for anyone to read. */
  message: string;
  /** For the server log only: the full text, and the error itself. */
  detail: string;
  error: unknown;
}

/** What a run that met a busy store says: the cause, in words anyone may read. */
export const storeBusyRunError = (err: StoreBusyError): string =>
  `the store was busy with another write (another process's, or a long ingest's) for more than STORE_BUSY_WAIT_MS (${err.retryAfter} s); nothing was written`;

export function runError(err: unknown): RunError {
  const text = err instanceof Error ? err.message : String(err);
  if (err instanceof StoreBusyError) return { message: storeBusyRunError(err), detail: text, error: err };
  if (err instanceof SourceFormatError || err instanceof SuspectDeliveryError)
    return { message: err.message, detail: err.detail ? `${err.message} (${err.detail})` : err.message, error: err };
  if (err instanceof CsvFormatError || err instanceof SourceFetchError || err instanceof RunFailure)
    return { message: err.message, detail: text, error: err };
  return { message: UNEXPECTED_RUN_ERROR, detail: text, error: err };
}
