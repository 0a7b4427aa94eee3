import type { NextFunction, Request, Response } from 'express';
import { ErrorCode } from '../errors/error-code';
import { sendError } from './error-response';

// Cross-origin reads from browsers (CORS), for the origins CORS_ORIGINS lists and no others.
// A listed origin gets its preflight answered (204, the methods and headers the path takes)
// and Access-Control-Allow-Origin on every answer, errors included, so a dashboard on another
// site can read the figures and the reasons it was refused. An origin not listed gets a 403 to
// its preflight and no CORS headers on anything: the browser keeps the answer from its page.
//
// Credentials are allowed to no origin at all (no Access-Control-Allow-Credentials): the hub
// sets no cookies, and a key travels in the Authorization or X-API-Key header, which a listed
// origin may send. So no page of any site can make a browser send something the hub trusts
// without the page's own code holding the key. Apollo's CSRF prevention still stands behind
// this: a GET or a form-like POST without a preflight is refused on /graphql whatever the origin.

/** Request headers a listed origin may send (besides the CORS-safelisted ones). */
const ALLOWED_HEADERS = [
  'Authorization',
  'X-API-Key',
  'Content-Type',
  'Apollo-Require-Preflight',
  'X-Apollo-Operation-Name',
  'If-None-Match',
];

/** Response headers a listed origin's page may read (besides the CORS-safelisted ones). */
const EXPOSED_HEADERS = ['ETag', 'Retry-After', 'Content-Disposition', 'Vary'];

/** How long a browser may keep a preflight's answer, in seconds. */
const PREFLIGHT_MAX_AGE = 600;

export function corsMiddleware(origins: readonly string[], methods: readonly string[]) {
  const listed = new Set(origins);
  return (req: Request, res: Response, next: NextFunction): void => {
    // The answer depends on the Origin: a shared cache must not give one origin's to another.
    res.vary('Origin');
    const origin = req.headers.origin;
    const allowed = origin !== undefined && listed.has(origin);
    if (req.method === 'OPTIONS') {
      if (origin === undefined || req.headers['access-control-request-method'] === undefined) {
        // Not a preflight: say what the path takes.
        res.setHeader('Allow', [...methods, 'OPTIONS'].join(', '));
        res.status(204).end();
        return;
      }
      res.vary('Access-Control-Request-Method');
      res.vary('Access-Control-Request-Headers');
      if (!allowed) {
        sendError(
          res,
          ErrorCode.FORBIDDEN,
          'Requests from this origin are not allowed: the hub answers browsers of the origins in its CORS_ORIGINS setting only.',
        );
        return;
      }
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Access-Control-Allow-Methods', methods.join(', '));
      res.setHeader('Access-Control-Allow-Headers', ALLOWED_HEADERS.join(', '));
      res.setHeader('Access-Control-Max-Age', String(PREFLIGHT_MAX_AGE));
      res.status(204).end();
      return;
    }
    if (allowed) {
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Access-Control-Expose-Headers', EXPOSED_HEADERS.join(', '));
    }
    next();
  };
}
