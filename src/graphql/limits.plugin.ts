import type { ApolloServerPlugin } from '@apollo/server';
import {
  isListType,
  isNonNullType,
  type GraphQLSchema,
  type GraphQLOutputType,
  type OperationDefinitionNode,
} from 'graphql';
import { getComplexity, simpleEstimator, type ComplexityEstimator } from 'graphql-query-complexity';
import type { Settings } from '../config/settings';
import { ErrorCode } from '../errors/error-code';
import { HubError } from '../errors/hub-error';
import { DEFAULT_PAGE_SIZE } from './connection';
import { operationDepth } from './depth';

/** What an unpaged list is assumed to hold when estimating cost. */
export const LIST_WEIGHT = 5;

function isList(type: GraphQLOutputType): boolean {
  return isListType(isNonNullType(type) ? type.ofType : type);
}

/** A connection costs its children times `first`; a plain list, its children times LIST_WEIGHT. */
export const pagedEstimator: ComplexityEstimator = ({ args, childComplexity, field }) => {
  if (typeof args.first === 'number') return 1 + childComplexity * Math.max(args.first, 1);
  if (field.args.some((a) => a.name === 'first')) return 1 + childComplexity * DEFAULT_PAGE_SIZE;
  if (isList(field.type)) return 1 + childComplexity * LIST_WEIGHT;
  return undefined;
};

const tooMuch = (code: ErrorCode, message: string, limit: number, actual: number): HubError =>
  new HubError(code, message, { limit, actual, http: { status: 400 } });

/** Variables longer than this as JSON are not worth keeping as a cache key: cost is recomputed. */
const MAX_VARIABLES_KEY = 1024;
/** Distinct variable sets remembered per operation before its entries are dropped. */
const MAX_COSTS_PER_OPERATION = 64;

interface Analysis {
  depth: number;
  /** Cost by variables (as JSON); an operation without variable definitions uses ''. */
  costs: Map<string, number>;
}

/**
 * Rejects, before execution, operations nested deeper than MAX_QUERY_DEPTH or costing more
 * than MAX_QUERY_COMPLEXITY. Done after validation so a malformed query reports that first.
 *
 * Apollo keeps parsed documents in its document store, so a repeated query arrives as the same
 * operation node: its depth, and its cost for the same variables, are worked out once and kept
 * against that node (weakly, so they go when Apollo evicts the document).
 */
export function limitsPlugin(
  schema: GraphQLSchema,
  settings: Pick<Settings, 'maxQueryDepth' | 'maxQueryComplexity'>,
): ApolloServerPlugin {
  const analyses = new WeakMap<OperationDefinitionNode, Analysis>();
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operation, request }) {
          if (!operation) return;
          let analysis = analyses.get(operation);
          if (!analysis) {
            analysis = { depth: operationDepth(document, operation), costs: new Map() };
            analyses.set(operation, analysis);
          }
          const { depth } = analysis;
          if (depth > settings.maxQueryDepth) {
            throw tooMuch(
              ErrorCode.QUERY_TOO_DEEP,
              `The query is nested ${Number.isFinite(depth) ? depth : 'without end'} levels deep; the limit is ${settings.maxQueryDepth}.`,
              settings.maxQueryDepth,
              depth,
            );
          }
          const variables = request.variables ?? {};
          const key = operation.variableDefinitions?.length ? JSON.stringify(variables) : '';
          let cost = analysis.costs.get(key);
          if (cost === undefined) {
            try {
              cost = getComplexity({
                schema,
                query: document,
                operationName: request.operationName ?? undefined,
                variables,
                estimators: [pagedEstimator, simpleEstimator({ defaultComplexity: 1 })],
              });
            } catch {
              return; // bad variables: execution reports them as BAD_USER_INPUT
            }
            if (key.length <= MAX_VARIABLES_KEY) {
              if (analysis.costs.size >= MAX_COSTS_PER_OPERATION) analysis.costs.clear();
              analysis.costs.set(key, cost);
            }
          }
          if (cost > settings.maxQueryComplexity) {
            throw tooMuch(
              ErrorCode.QUERY_TOO_COMPLEX,
              `The query's estimated cost is ${cost}; the limit is ${settings.maxQueryComplexity}. Ask for fewer items per page or fewer nested lists.`,
              settings.maxQueryComplexity,
              cost,
            );
          }
        },
      };
    },
  };
}
