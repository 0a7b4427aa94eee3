import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { RunFailure, type SourceText } from './connector';

// Opening a source: a local file, or a URL fetched with a timeout and retried with backoff
// on network faults, 5xx and 429 (honouring Retry-After). 4xx other than 429 are final.

export class SourceFetchError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = 'SourceFetchError';
  }
}

export interface RetryPolicy {
  retries: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** How long to wait for a response's headers before the attempt counts as failed. */
  requestTimeoutMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = {
  retries: 3,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  requestTimeoutMs: 60_000,
};

/** Delay before retry `attempt` (1-based): Retry-After if the server gave one, else doubling. */
export function retryDelayMs(attempt: number, policy: RetryPolicy, retryAfter: string | null = null): number {
  if (retryAfter !== null) {
    const seconds = Number(retryAfter);
    if (Number.isFinite(seconds) && seconds >= 0) return Math.min(seconds * 1000, policy.maxDelayMs);
    const date = Date.parse(retryAfter);
    if (!Number.isNaN(date)) return Math.min(Math.max(date - Date.now(), 0), policy.maxDelayMs);
  }
  return Math.min(policy.baseDelayMs * 2 ** (attempt - 1), policy.maxDelayMs);
}

export const sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
  new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(signal.reason);
      },
      { once: true },
    );
  });

/**
 * A source as it was published, for provenance and run records anyone may read: a file by its
 * name alone (where it sits on this server is nobody else's business), a URL without any
 * credentials written into it; a URL that is not http(s) (file:///srv/...) is a path on this
 * server too, and one that cannot be read as a URL may be anything: both by their last part.
 */
export function publishedName(source: { file: string } | { url: string }): string {
  if ('file' in source) return basename(source.file);
  try {
    const url = new URL(source.url);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return basename(url.pathname);
    url.username = '';
    url.password = '';
    return url.toString();
  } catch {
    return basename(source.url);
  }
}

const urlName = (url: string): string => publishedName({ url });

export async function openFile(path: string): Promise<SourceText> {
  // Fail now, clearly, if it is missing; the error names the file, not the path (it is public).
  await stat(path).catch((err: NodeJS.ErrnoException) => {
    throw new RunFailure(`${basename(path)} cannot be read (${err.code ?? 'error'})`);
  });
  return { name: publishedName({ file: path }), chunks: readFile(path) };
}

/** A file's text, a chunk at a time; a failure part-way (EISDIR, EIO) names the file, not its path. */
async function* readFile(path: string): AsyncGenerator<string> {
  const stream = createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 18 });
  const chunks = stream[Symbol.asyncIterator]();
  for (;;) {
    let next: IteratorResult<string>;
    try {
      next = (await chunks.next()) as IteratorResult<string>;
    } catch (err) {
      throw new RunFailure(`${basename(path)} cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
    }
    if (next.done) return;
    yield next.value;
  }
}

async function* decode(body: ReadableStream<Uint8Array>, url: string): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8');
  const reader = body.getReader();
  for (;;) {
    let next: Awaited<ReturnType<typeof reader.read>>;
    try {
      next = await reader.read();
    } catch {
      // The connection broke part-way: a fault of the source, said as one (the run writes nothing).
      throw new SourceFetchError(`the response from ${urlName(url)} broke off before its end`, true);
    }
    const { done, value } = next;
    if (done) break;
    yield decoder.decode(value, { stream: true });
  }
  const tail = decoder.decode();
  if (tail) yield tail;
}

/** GETs a URL; retries what can be retried; the returned body is streamed as text. */
export async function fetchWithRetry(
  url: string,
  init: RequestInit,
  policy: RetryPolicy,
  signal: AbortSignal,
  onRetry?: (attempt: number, reason: string, delayMs: number) => void,
): Promise<Response> {
  for (let attempt = 0; ; attempt += 1) {
    let retryAfter: string | null = null;
    let reason: string;
    // Each attempt has its own deadline for the headers; the job's signal bounds everything.
    const attempt$ = new AbortController();
    const onJobAbort = (): void => attempt$.abort(signal.reason);
    signal.addEventListener('abort', onJobAbort, { once: true });
    const timer = setTimeout(
      () => attempt$.abort(new Error(`no response within ${policy.requestTimeoutMs} ms`)),
      policy.requestTimeoutMs,
    );
    try {
      const res = await fetch(url, { ...init, signal: attempt$.signal });
      clearTimeout(timer);
      if (res.ok) return res;
      // The URL as published, as run records show it: without credentials written into it.
      reason = `HTTP ${res.status} from ${urlName(url)}`;
      retryAfter = res.headers.get('retry-after');
      await res.body?.cancel();
      if (res.status !== 429 && res.status < 500) throw new SourceFetchError(reason, false);
    } catch (err) {
      if (err instanceof SourceFetchError) throw err;
      if (signal.aborted) throw signal.reason instanceof Error ? signal.reason : new Error(String(signal.reason));
      const cause =
        attempt$.signal.aborted && attempt$.signal.reason instanceof Error ? attempt$.signal.reason : (err as Error);
      reason = `${cause.message} (${urlName(url)})`;
    } finally {
      clearTimeout(timer);
      signal.removeEventListener('abort', onJobAbort);
    }
    if (attempt >= policy.retries) throw new SourceFetchError(`${reason}, after ${attempt + 1} attempts`, true);
    const delay = retryDelayMs(attempt + 1, policy, retryAfter);
    onRetry?.(attempt + 1, reason, delay);
    await sleep(delay, signal);
  }
}

export async function openUrl(
  url: string,
  policy: RetryPolicy,
  signal: AbortSignal,
  onRetry?: (attempt: number, reason: string, delayMs: number) => void,
): Promise<SourceText> {
  const res = await fetchWithRetry(url, {}, policy, signal, onRetry);
  if (!res.body) throw new SourceFetchError(`empty response from ${urlName(url)}`, false);
  return { name: publishedName({ url }), chunks: decode(res.body, url) };
}
