import type { ApolloServerPlugin, BaseContext } from '@apollo/server';

/**
 * The hub's own rules on top of the cache-control policy worked out from the schema:
 *
 * - A mutation is never cached (no-store). Left to the schema, its root field gets
 *   defaultMaxAge as a query's does, and a successful submission went out as
 *   "max-age=60, private". Restricted before execution: the policy is then already fixed,
 *   and Apollo's cache-control plugin skips gathering field hints for it.
 * - A response to a request made with an API key is for that key's holder only: private
 *   scope. Restricted when execution ends, not before: a policy already restricted when
 *   execution starts would stop Apollo's plugin from gathering the hints a read needs.
 */
export function cacheRulesPlugin<C extends BaseContext & { principal: unknown }>(): ApolloServerPlugin<C> {
  return {
    async requestDidStart({ contextValue }) {
      return {
        async didResolveOperation({ operation, overallCachePolicy }) {
          if (operation && operation.operation !== 'query') overallCachePolicy.restrict({ maxAge: 0 });
        },
        async executionDidStart({ overallCachePolicy }) {
          return {
            async executionDidEnd() {
              if (contextValue.principal) overallCachePolicy.restrict({ scope: 'PRIVATE' });
            },
          };
        },
      };
    },
  };
}
