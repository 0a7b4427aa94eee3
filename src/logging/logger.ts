import pino, { type DestinationStream, type Logger as PinoLogger, type SerializedError } from 'pino';

// Structured logs: one JSON object per line on stdout, so they can be shipped and queried as
// they are. Written by pino; the hub's call sites keep this small interface (message first,
// fields second) so that swapping the writer never touched them.

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
  child(fields: LogFields): Logger;
}

/**
 * Where the lines go: a function is given each line without its newline (what tests collect);
 * a stream (anything with write) is given each line with it, as pino writes.
 */
export type LogSink = ((line: string) => void) | DestinationStream;

/** What a redacted value is logged as. */
export const REDACTED = '[redacted]';

// Credentials must never reach a log line, whoever logs a request or its headers. Node gives
// incoming header names in lower case; objects built by hand may use the written case.
const SECRET_HEADERS = ['authorization', 'Authorization', 'x-api-key', 'X-Api-Key', 'X-API-Key'];
const SECRET_FIELDS = ['authorization', 'Authorization', 'apiKey', 'key', 'x-api-key'];

/**
 * The redacted paths: the fields above at the top level, and the secret headers of a headers
 * object at the top level or one level down (req.headers, request.headers, ...). pino's
 * wildcard stands for one level, not any depth.
 */
export const REDACT_PATHS: readonly string[] = [
  ...SECRET_FIELDS.map((f) => `["${f}"]`),
  ...SECRET_HEADERS.flatMap((h) => [`headers["${h}"]`, `*.headers["${h}"]`]),
];

/** pino's error serializer (type, message and stack, causes included) with the error's name too. */
function serializeError(value: unknown): unknown {
  const serialized: unknown = pino.stdSerializers.err(value as Error);
  if (value instanceof Error && typeof serialized === 'object' && serialized !== null)
    (serialized as SerializedError & { name?: string }).name = value.name;
  return serialized;
}

const lines = (sink: (line: string) => void): DestinationStream => ({
  write: (chunk: string) => sink(chunk.endsWith('\n') ? chunk.slice(0, -1) : chunk),
});

function wrap(p: PinoLogger): Logger {
  // pino takes the fields first and the message second; no fields, no empty object to walk.
  return {
    debug: (msg, fields) => (fields ? p.debug(fields, msg) : p.debug(msg)),
    info: (msg, fields) => (fields ? p.info(fields, msg) : p.info(msg)),
    warn: (msg, fields) => (fields ? p.warn(fields, msg) : p.warn(msg)),
    error: (msg, fields) => (fields ? p.error(fields, msg) : p.error(msg)),
    child: (fields) => wrap(p.child(fields)),
  };
}

function build(level: LogLevel | 'silent', base: LogFields, destination: DestinationStream): Logger {
  return wrap(
    pino(
      {
        level,
        // No pid or hostname: the line carries the fields the hub gives it and nothing else.
        base: Object.keys(base).length > 0 ? base : null,
        timestamp: pino.stdTimeFunctions.isoTime,
        // Levels as words ("info"), as the hub's lines always had them, not pino's numbers.
        formatters: { level: (label) => ({ level: label }) },
        // Errors are logged under `error` at the hub's call sites, `err` by pino's convention;
        // an express request logged as `req` becomes its method, url and headers, not the
        // whole object. Redaction applies after these.
        serializers: { err: serializeError, error: serializeError, req: pino.stdSerializers.req },
        redact: { paths: [...REDACT_PATHS], censor: REDACTED },
      },
      destination,
    ),
  );
}

/** A logger at `level` writing JSON lines with `base` on every line, to stdout unless a sink is given. */
export function createLogger(level: LogLevel = 'info', base: LogFields = {}, sink?: LogSink): Logger {
  // Synchronous, as process.stdout is for files and pipes: a line logged just before exit is written.
  const destination =
    sink === undefined ? pino.destination({ dest: 1, sync: true }) : typeof sink === 'function' ? lines(sink) : sink;
  return build(level, base, destination);
}

/** Logs nothing (pino's silent level: nothing is even serialized). */
export const silentLogger: Logger = build(
  'silent',
  {},
  lines(() => undefined),
);
