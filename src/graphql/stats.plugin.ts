import type { ApolloServerPlugin } from '@apollo/server';
import { currentStatementCount } from '../store/query-counter';

/** Adds `extensions.sqlStatements` to each response: how many SQL statements the request ran. */
export function statsPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          const count = currentStatementCount();
          if (count === undefined || response.body.kind !== 'single') return;
          response.body.singleResult.extensions = { ...response.body.singleResult.extensions, sqlStatements: count };
        },
      };
    },
  };
}
