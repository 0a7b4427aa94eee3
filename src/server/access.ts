import type { IncomingMessage } from 'node:http';
import type { NextFunction, Request, Response } from 'express';
import type { DataSource } from 'typeorm';
import { authenticate } from '../auth/api-keys';
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

/** A request without a key is anonymous; one with a bad or revoked key is refused. */
export function authMiddleware(ds: DataSource, hubId: string) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const key = presentedKey(req);
    if (!key) return next();
    authenticate(ds, key, hubId).then(
      (found) => {
        if (!found)
          return sendError(
            res,
            ErrorCode.UNAUTHENTICATED,
            'The API key is not valid (unknown, mistyped, revoked or issued by another hub).',
          );
        principals.set(req, { organisationId: found.organisationId, keyPrefix: found.prefix });
        next();
      },
      (err: unknown) => next(err),
    );
  };
}

interface Bucket {
  tokens: number;
  at: number;
}

/** A token bucket per key, or per address without one: `perMinute` a minute, bursts up to that. */
export function rateLimitMiddleware(perMinute: number, now: () => number = Date.now) {
  const buckets = new Map<string, Bucket>();
  const perMs = perMinute / 60_000;
  return (req: Request, res: Response, next: NextFunction): void => {
    if (perMinute <= 0) return next();
    const p = principalOf(req);
    const id = p ? `key:${p.keyPrefix}` : `addr:${req.socket.remoteAddress ?? 'unknown'}`;
    const t = now();
    const b = buckets.get(id) ?? { tokens: perMinute, at: t };
    b.tokens = Math.min(perMinute, b.tokens + (t - b.at) * perMs);
    b.at = t;
    buckets.set(id, b);
    if (buckets.size > 10_000) for (const [k, v] of buckets) if (v.tokens >= perMinute) buckets.delete(k);
    if (b.tokens < 1) {
      const wait = Math.ceil((1 - b.tokens) / perMs / 1000);
      res.setHeader('retry-after', String(wait));
      return sendError(
        res,
        ErrorCode.RATE_LIMITED,
        `Too many requests: at most ${perMinute} a minute ${p ? 'for this key' : 'from this address'}. Retry after ${wait} s.`,
      );
    }
    b.tokens -= 1;
    next();
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
