import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, isListType, isNonNullType, type GraphQLOutputType, type OperationDefinitionNode } from 'graphql';
import { getComplexity, simpleEstimator, type ComplexityEstimator } from 'graphql-query-complexity';
import type { Settings } from '../config/settings';
import { ErrorCode } from '../errors/error-code';
import { HubError } from '../errors/hub-error';
import { DEFAULT_PAGE_SIZE } from './connection';
import { operationDepth, operationSize } from './depth';

/** What an unpaged list is assumed to hold when estimating cost. */
export const LIST_WEIGHT = 5;

/**
 * Deepest nesting of lists and objects a request's variables may have. The hub's deepest input
 * is a list of objects (two levels); a federation gateway's entity references are the same.
 * Far deeper variables only serve to overflow the stack of whatever walks them (graphql-js
 * coercion, JSON.stringify), so they are refused before anything walks them.
 */
export const MAX_VARIABLE_NESTING = 32;

function isList(type: GraphQLOutputType): boolean {
  return isListType(isNonNullType(type) ? type.ofType : type);
}

/** Items in a field's list arguments: each is work the field does (a chart point, a row written). */
function inputItems(args: Record<string, unknown>): number {
  let items = 0;
  for (const value of Object.values(args)) if (Array.isArray(value)) items += value.length;
  return items;
}

/**
 * A connection costs its children times `first`; a plain list, its children times LIST_WEIGHT.
 * Every item of a list argument adds 1: spcChart charts its values and answers a point for each,
 * so 300 aliases of it on 10,000 values are 3,000,000 points, not 300 fields.
 */
export const pagedEstimator: ComplexityEstimator = ({ args, childComplexity, field }) => {
  const items = inputItems(args);
  if (typeof args.first === 'number') return 1 + items + childComplexity * Math.max(args.first, 1);
  if (field.args.some((a) => a.name === 'first')) return 1 + items + childComplexity * DEFAULT_PAGE_SIZE;
  if (isList(field.type)) return 1 + items + childComplexity * LIST_WEIGHT;
  return items > 0 ? 1 + items + childComplexity : undefined;
};

/**
 * How deep lists and objects nest in a value, walked without recursion (the walk itself must
 * not overflow). Stops as soon as it passes `limit`, so the answer is exact up to limit + 1.
 */
export function nestingDepth(value: unknown, limit: number): number {
  let deepest = 0;
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length > 0) {
    const [item, depth] = stack.pop()!;
    if (item === null || typeof item !== 'object') continue;
    const inner = depth + 1;
    if (inner > deepest) deepest = inner;
    if (deepest > limit) return deepest;
    for (const child of Array.isArray(item) ? item : Object.values(item)) stack.push([child, inner]);
  }
  return deepest;
}

const refused = (code: ErrorCode, message: string, details: Record<string, unknown>): HubError =>
  new HubError(code, message, { ...details, http: { status: 400 } });

/** Variables longer than this as JSON are not worth keeping as a cache key: cost is recomputed. */
const MAX_VARIABLES_KEY = 1024;
/** Distinct variable sets remembered per operation before its entries are dropped. */
const MAX_COSTS_PER_OPERATION = 64;

interface Analysis {
  depth: number;
  /** Selections pricing the operation visits, fragments counted where they are spread. */
  size: number;
  /** Cost by variables (as JSON); an operation without variable definitions uses ''. */
  costs: Map<string, number>;
}

type Limits = Pick<Settings, 'maxQueryDepth' | 'maxQueryComplexity'>;

/**
 * Why a cost could not be worked out, as the refusal the caller gets. graphql-query-complexity
 * coerces the variables and every field's arguments as execution would, and reports the first
 * value that does not fit (a null for a non-null argument, a string for an Int), with the node it
 * is at: that is the caller's BAD_USER_INPUT, in graphql-js's words (format-error strips any echo
 * of the value). Anything else means the query cannot be priced, and an unpriced query is refused.
 */
function unpriced(err: unknown, limits: Limits): HubError {
  if (err instanceof GraphQLError && err.nodes && err.nodes.length > 0)
    return refused(ErrorCode.BAD_USER_INPUT, err.message, {});
  return refused(ErrorCode.QUERY_TOO_COMPLEX, "The query's cost could not be worked out, so it is not run.", {
    limit: limits.maxQueryComplexity,
  });
}

/**
 * Rejects, before execution, operations nested deeper than MAX_QUERY_DEPTH or costing more
 * than MAX_QUERY_COMPLEXITY, and requests whose variables nest deeper than MAX_VARIABLE_NESTING.
 * Done after validation so a malformed query reports that first. Used by the hub on its schema
 * and by the federation gateway on the supergraph's: the schema is the request's own.
 *
 * A query is let through only with a cost worked out and within the limit. Whatever stops the
 * cost from being worked out (a bad variable or argument, too many selections to price) refuses
 * the query: a null for a variable with a default once made the estimate throw and the plugin
 * give up, and 2,575 rows went out under a limit that would have refused them.
 *
 * Apollo keeps parsed documents in its document store, so a repeated query arrives as the same
 * operation node: its depth and size, and its cost for the same variables, are worked out once
 * and kept against that node (weakly, so they go when Apollo evicts the document).
 */
export function limitsPlugin(limits: Limits): ApolloServerPlugin {
  const analyses = new WeakMap<OperationDefinitionNode, Analysis>();
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operation, request, schema }) {
          if (!operation) return;
          const variables = request.variables ?? {};
          // Every variable, used or not, before anything walks them. The variables object
          // itself is not a level: `{"v": [[1]]}` nests 2 deep.
          if (nestingDepth(variables, MAX_VARIABLE_NESTING + 1) - 1 > MAX_VARIABLE_NESTING) {
            throw refused(
              ErrorCode.BAD_USER_INPUT,
              `The variables nest lists or objects more than ${MAX_VARIABLE_NESTING} levels deep.`,
              { limit: MAX_VARIABLE_NESTING },
            );
          }
          let analysis = analyses.get(operation);
          if (!analysis) {
            analysis = {
              depth: operationDepth(document, operation),
              size: operationSize(document, operation),
              costs: new Map(),
            };
            analyses.set(operation, analysis);
          }
          const { depth, size } = analysis;
          if (depth > limits.maxQueryDepth) {
            throw refused(
              ErrorCode.QUERY_TOO_DEEP,
              `The query is nested ${Number.isFinite(depth) ? depth : 'without end'} levels deep; the limit is ${limits.maxQueryDepth}.`,
              { limit: limits.maxQueryDepth, actual: depth },
            );
          }
          // Each field costs at least 1, so a query of more selections than the cost limit is
          // refused before it is priced: pricing walks every selection, fragments expanded.
          if (size > limits.maxQueryComplexity) {
            throw refused(
              ErrorCode.QUERY_TOO_COMPLEX,
              `The query has ${Number.isFinite(size) ? size : 'endless'} selections, counting each fragment wherever it is used; the limit is ${limits.maxQueryComplexity}.`,
              { limit: limits.maxQueryComplexity, selections: size },
            );
          }
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
                // The size check above already bounds the walk; the library's own bound (10,000
                // by default) would only throw, and a throw must not be a way past the limit.
                maxQueryNodes: size + 1,
              });
            } catch (err) {
              throw unpriced(err, limits);
            }
            if (key.length <= MAX_VARIABLES_KEY) {
              if (analysis.costs.size >= MAX_COSTS_PER_OPERATION) analysis.costs.clear();
              analysis.costs.set(key, cost);
            }
          }
          if (!Number.isFinite(cost)) throw unpriced(null, limits);
          if (cost > limits.maxQueryComplexity) {
            throw refused(
              ErrorCode.QUERY_TOO_COMPLEX,
              `The query's estimated cost is ${cost}; the limit is ${limits.maxQueryComplexity}. Ask for fewer items per page or fewer nested lists.`,
              { limit: limits.maxQueryComplexity, actual: cost },
            );
          }
        },
      };
    },
  };
}
