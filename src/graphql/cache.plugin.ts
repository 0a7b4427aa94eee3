import type { ApolloServerPlugin } from '@apollo/server';
import type { HubContext } from './context';

/**
 * A response to a request made with an API key is for that key's holder only: private scope.
 * Restricted when execution ends: Apollo's cache-control plugin stops gathering field hints for
 * a policy that is already restricted when execution starts.
 */
export function privateWithKeyPlugin(): ApolloServerPlugin<HubContext> {
  return {
    async requestDidStart({ contextValue }) {
      return {
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
