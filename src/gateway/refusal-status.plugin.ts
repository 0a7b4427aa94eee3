import type { ApolloServerPlugin } from '@apollo/server';
import type { GatewayContext } from './hub-data-source';

// A hub that refuses its part of a query (429 RATE_LIMITED, 400 QUERY_TOO_COMPLEX, 503
// STORE_BUSY...) answers with a status a client acts on: back off, ask for less, retry later.
// The gateway passes the hub's errors on, and with them the status: without it the caller got
// 200, and a dashboard retrying on 429 or 503 never learnt it had been refused. When several
// hubs refuse, the highest status is sent (503 and 429, which say "retry", over the 4xx that
// say "change the request") with the longest Retry-After. Whatever the other hubs answered is
// still in the body's data.

export function refusalStatusPlugin(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, response }) {
          const refusals = contextValue.refusals;
          if (refusals.length === 0) return;
          response.http.status = Math.max(...refusals.map((r) => r.status));
          const waits = refusals.map((r) => r.retryAfter).filter((w): w is number => w !== null);
          if (waits.length > 0) response.http.headers.set('retry-after', String(Math.max(...waits)));
        },
      };
    },
  };
}
