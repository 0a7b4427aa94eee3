import { SourceFetchError, retryDelayMs, sleep, type RetryPolicy } from '../../source';
import type { RateLimiter } from './rate-limiter';

// Requests to the data.police.uk API: paced by the rate limiter, retried on 429 and 5xx with
// backoff (Retry-After first), with one exception the caller can ask for: a 503 from
// crimes-street means "more than 10,000 crimes", which is answered by splitting, not waiting.

export const TOO_MANY = Symbol('too many crimes');
export const MAX_GET_LENGTH = 4094;

export interface RequestOptions {
  form?: Record<string, string>;
  tooManyOn503?: boolean;
}

export class PoliceApiClient {
  readonly base: string;
  requests = 0;

  constructor(
    base: string,
    private readonly limiter: RateLimiter,
    private readonly retry: RetryPolicy,
    private readonly signal: AbortSignal,
    private readonly onRetry: (attempt: number, reason: string, delayMs: number) => void,
  ) {
    this.base = base.endsWith('/') ? base : `${base}/`;
  }

  /** GET with query parameters, or POST them as a form when the URL would be too long. */
  async call(
    path: string,
    params: Record<string, string>,
    options: RequestOptions = {},
  ): Promise<unknown | typeof TOO_MANY> {
    const query = new URLSearchParams(params).toString();
    const getUrl = `${this.base}${path}${query ? `?${query}` : ''}`;
    const post = getUrl.length > MAX_GET_LENGTH;
    const init: RequestInit = post
      ? { method: 'POST', body: query, headers: { 'content-type': 'application/x-www-form-urlencoded' } }
      : { method: 'GET' };
    const url = post ? `${this.base}${path}` : getUrl;
    for (let attempt = 0; ; attempt += 1) {
      await this.limiter.take();
      this.requests += 1;
      const controller = new AbortController();
      const onAbort = (): void => controller.abort(this.signal.reason);
      this.signal.addEventListener('abort', onAbort, { once: true });
      const timer = setTimeout(
        () => controller.abort(new Error(`no response within ${this.retry.requestTimeoutMs} ms`)),
        this.retry.requestTimeoutMs,
      );
      let reason: string;
      let retryAfter: string | null = null;
      try {
        const res = await fetch(url, { ...init, signal: controller.signal });
        if (res.ok) return await res.json();
        await res.body?.cancel();
        if (res.status === 503 && options.tooManyOn503) return TOO_MANY;
        reason = `HTTP ${res.status} from ${path}`;
        retryAfter = res.headers.get('retry-after');
        if (res.status !== 429 && res.status < 500) throw new SourceFetchError(reason, false);
      } catch (err) {
        if (err instanceof SourceFetchError) throw err;
        if (this.signal.aborted) throw this.signal.reason instanceof Error ? this.signal.reason : new Error('aborted');
        const cause =
          controller.signal.aborted && controller.signal.reason instanceof Error
            ? controller.signal.reason
            : (err as Error);
        reason = `${cause.message} (${path})`;
      } finally {
        clearTimeout(timer);
        this.signal.removeEventListener('abort', onAbort);
      }
      if (attempt >= this.retry.retries) throw new SourceFetchError(`${reason}, after ${attempt + 1} attempts`, true);
      const delay = retryDelayMs(attempt + 1, this.retry, retryAfter);
      this.onRetry(attempt + 1, reason, delay);
      await sleep(delay, this.signal);
    }
  }
}
