import type { AreaType, Frequency, MeasureAccess } from '../domain/enums';
import type { Logger } from '../logging/logger';
import type { AreaDirectory } from './area-directory';
import type { MeasureShape } from './row-rules';
import type { RetryPolicy } from './source';
import type { WholeDelivery } from './whole-source';

// What a connector is: it reads one source in its published format and says what figures it
// holds, which rows it could not use (with line and reason), and any small areas it found.
// It never touches the store: the runner writes everything in one transaction.

export interface ObservationInput {
  measureCode: string;
  areaCode: string;
  period: string;
  value: number | null;
  numerator?: number | null;
  denominator?: number | null;
  lowerCi?: number | null;
  upperCi?: number | null;
  note?: string | null;
  suppressed?: boolean;
  /** The source line the figure was read from, when one row gives it (a feed row), for a rejection's report. */
  line?: number;
  /** That line's text. */
  raw?: string;
}

export interface RejectedInput {
  line: number;
  reason: string;
  raw: string;
}

export interface AreaInput {
  code: string;
  name: string;
  type: AreaType;
  parents: string[];
}

export interface ConnectorOutput {
  rowsRead: number;
  observations: ObservationInput[];
  rejected: RejectedInput[];
  areas: AreaInput[];
  /**
   * What the delivery is the whole of, for a source that delivers whole periods (see
   * whole-source.ts): one part per set of measures that share their periods.
   */
  whole?: WholeDelivery[];
  /**
   * What the run should say about what it wrote and did not (a national total left out for want
   * of a force's file; a force whose crimes count towards no area). Written by the connector in
   * the hub's own words, for anyone to read on the run.
   */
  notes?: string[];
}

export interface ConnectorContext {
  areas: AreaDirectory;
  /** The hub's measures by code, with what the row rules need of each. */
  measures: ReadonlyMap<string, MeasureShape>;
  /** Today (YYYY-MM-DD), for the rule that no period may start after it. */
  today: string;
  /** Measures whose figures have small counts suppressed, by code: they take figures in one shape only. */
  suppressedMeasures?: ReadonlyMap<string, { code: string; access: MeasureAccess; frequency: Frequency }>;
  logger: Logger;
  /** Called as rows are read, for progress display. */
  progress: (rowsRead: number) => void;
  signal: AbortSignal;
}

/** Where a connector reads from: a stream of text, and a name for provenance. */
export interface SourceText {
  name: string;
  chunks: AsyncIterable<string>;
}

/** Reads one file or HTTP body in a published format. */
export interface Connector {
  dataset: string;
  kind?: 'text';
  run(source: SourceText, ctx: ConnectorContext): Promise<ConnectorOutput>;
  /**
   * A connector whose deliveries come as many files (a zip archive, a folder, one file per
   * force) reads them in one run, so that what needs them all (a national total) is worked out
   * from them together. `wants` says which files of a folder or archive it reads, by name.
   */
  files?: {
    wants(name: string): boolean;
    run(files: AsyncIterable<SourceText>, ctx: ConnectorContext): Promise<ConnectorOutput>;
  };
}

export interface ApiContext extends ConnectorContext {
  retry: RetryPolicy;
  onRetry: (attempt: number, reason: string, delayMs: number) => void;
}

/** Makes its own requests to an API at a base URL (many requests, paced and retried). */
export interface ApiConnector {
  dataset: string;
  kind: 'api';
  fetch(baseUrl: string, ctx: ApiContext): Promise<ConnectorOutput>;
}

export type AnyConnector = Connector | ApiConnector;

/**
 * The source's shape is not what the connector knows (e.g. a changed header): nothing is written.
 * The message becomes the run's error, which anyone may read: it says what is wrong and where
 * (a line, the columns expected) and never quotes the source. What the source did say, when it
 * helps whoever fixes the file, goes in `detail`, which only the server log receives.
 */
export class SourceFormatError extends Error {
  constructor(
    message: string,
    readonly detail?: string,
  ) {
    super(message);
    this.name = 'SourceFormatError';
  }
}

/**
 * A run that cannot go on, for a reason the hub words itself (a timeout, a file that cannot be
 * opened, a connector given the wrong kind of source): its message is fit to be the run's error.
 */
export class RunFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RunFailure';
  }
}
