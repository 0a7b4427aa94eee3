import type { IncomingMessage } from 'node:http';
import type { NextFunction, Request, Response } from 'express';
import type { DataSource } from 'typeorm';
import { authenticate, hashKey } from '../auth/api-keys';
import { ErrorCode } from '../errors/error-code';
import { sendError } from './error-response';

// Who is asking, how often, and for how long: API keys, a rate limit per key (or per address
// without one), and a request timeout. Each answers in the GraphQL error shape with a code.

export interface Principal {
  organisationId: string;
  keyPrefix: string;
}

const principals = new WeakMap<IncomingMessage, Principal>();

export const principalOf = (req: IncomingMessage): Principal | null => principals.get(req) ?? null;

export function presentedKey(req: IncomingMessage): string | null {
  const auth = req.headers.authorization;
  if (auth) return /^Bearer\s+(\S+)$/i.exec(auth)?.[1] ?? auth;
  const header = req.headers['x-api-key'];
  return typeof header === 'string' ? header : null;
}

/** Answers differ by key: a shared cache must not give one caller's answer to another. */
export function varyOnKeyMiddleware() {
  return (_req: Request, res: Response, next: NextFunction): void => {
    res.vary('Authorization');
    res.vary('X-API-Key');
    next();
  };
}

interface Bucket {
  tokens: number;
  at: number;
}

/** Token buckets by id: `perMinute` a minute each, bursts up to that. */
export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly perMs: number;

  constructor(
    readonly perMinute: number,
    private readonly now: () => number = Date.now,
  ) {
    this.perMs = perMinute / 60_000;
  }

  private bucket(id: string): Bucket {
    const t = this.now();
    const b = this.buckets.get(id) ?? { tokens: this.perMinute, at: t };
    b.tokens = Math.min(this.perMinute, b.tokens + (t - b.at) * this.perMs);
    b.at = t;
    this.buckets.set(id, b);
    if (this.buckets.size > 10_000)
      for (const [k, v] of this.buckets) if (v.tokens >= this.perMinute) this.buckets.delete(k);
    return b;
  }

  /** Takes a token for `id`: 0 when taken, else the whole seconds until one is there. */
  take(id: string): number {
    const b = this.bucket(id);
    if (b.tokens < 1) return Math.max(1, Math.ceil((1 - b.tokens) / this.perMs / 1000));
    b.tokens -= 1;
    return 0;
  }

  /** Gives back a token taken for a request someone else pays for (a key, once found valid). */
  giveBack(id: string): void {
    const b = this.bucket(id);
    b.tokens = Math.min(this.perMinute, b.tokens + 1);
  }
}

/** Hashes of keys this process has found valid; the oldest are forgotten past this many. */
const MAX_KEYS_SEEN = 10_000;

/**
 * Keys and the rate limit, in that order of cost: nothing reaches the store for a key before
 * the limit has been applied.
 *
 * A request without a key is anonymous and pays a token from its address's bucket. A request
 * with a key pays from the key's own bucket, so a partner's dashboards are not held up by
 * anonymous traffic from the same address; but a key is only known to be a key once it has been
 * looked up, and looking up made-up keys is what a guesser wants done. So a key this process has
 * not yet found valid pays its address's token first (none left: 429, and no lookup), and gets
 * the token back only if it is valid; a failed lookup stays paid. Guessing therefore runs into
 * the address's limit like any anonymous request, and a refused address gets no lookups at all.
 * A key found valid before is looked up even from a refused address (it may have been revoked
 * since): only a real key's holder gets that, never a guess.
 */
export function accessMiddleware(ds: DataSource, hubId: string, perMinute: number, now: () => number = Date.now) {
  const limiter = new RateLimiter(perMinute, now);
  const seen = new Set<string>();
  const limited = perMinute > 0;
  const tooMany = (res: Response, wait: number, who: string): void => {
    res.setHeader('retry-after', String(wait));
    sendError(
      res,
      ErrorCode.RATE_LIMITED,
      `Too many requests: at most ${perMinute} a minute ${who}. Retry after ${wait} s.`,
    );
  };
  return (req: Request, res: Response, next: NextFunction): void => {
    // req.ip: the socket's address, or the caller's as a TRUSTED_PROXIES proxy forwards it.
    const address = `addr:${req.ip ?? req.socket.remoteAddress ?? 'unknown'}`;
    const key = presentedKey(req);
    if (!key) {
      const wait = limited ? limiter.take(address) : 0;
      return wait ? tooMany(res, wait, 'from this address') : next();
    }
    const hash = hashKey(key.trim());
    const known = seen.has(hash);
    if (limited && !known) {
      const wait = limiter.take(address);
      if (wait) return tooMany(res, wait, 'from this address');
    }
    authenticate(ds, key, hubId).then(
      (found) => {
        if (!found) {
          if (known) {
            // Revoked since it was last seen: from now on it is a guess like any other.
            seen.delete(hash);
            if (limited) limiter.take(address);
          }
          return sendError(
            res,
            ErrorCode.UNAUTHENTICATED,
            'The API key is not valid (unknown, mistyped, revoked or issued by another hub).',
          );
        }
        if (!known) {
          if (limited) limiter.giveBack(address);
          if (seen.size >= MAX_KEYS_SEEN) seen.delete(seen.values().next().value as string);
          seen.add(hash);
        }
        principals.set(req, { organisationId: found.organisationId, keyPrefix: found.prefix });
        const wait = limited ? limiter.take(`key:${found.prefix}`) : 0;
        return wait ? tooMany(res, wait, 'for this key') : next();
      },
      (err: unknown) => next(err),
    );
  };
}

/** Answers 503 TIMEOUT when a request runs too long; whatever the work writes later is dropped. */
export function timeoutMiddleware(ms: number) {
  return (_req: Request, res: Response, next: NextFunction): void => {
    const timer = setTimeout(() => {
      if (res.headersSent) return;
      sendError(res, ErrorCode.TIMEOUT, `The request took longer than ${ms} ms.`);
      const ignore = (() => res) as never;
      res.setHeader = ignore;
      res.writeHead = ignore;
      res.write = (() => true) as never;
      res.end = ignore;
    }, ms);
    res.once('finish', () => clearTimeout(timer));
    res.once('close', () => clearTimeout(timer));
    next();
  };
}
