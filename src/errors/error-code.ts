import { registerEnumType } from 'type-graphql';

/** Every error code the hub returns in `extensions.code`. */
export enum ErrorCode {
  /** An argument or variable has a bad value (page size, period, code format...). */
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  /** The HTTP request itself is malformed (no query, a body that is not JSON...). */
  BAD_REQUEST = 'BAD_REQUEST',
  /** The request body's media type or charset is not one the path reads (415). */
  UNSUPPORTED_MEDIA_TYPE = 'UNSUPPORTED_MEDIA_TYPE',
  /** The document could not be parsed. */
  GRAPHQL_PARSE_FAILED = 'GRAPHQL_PARSE_FAILED',
  /** The document does not fit the schema (unknown field, wrong argument type...). */
  GRAPHQL_VALIDATION_FAILED = 'GRAPHQL_VALIDATION_FAILED',
  /** The operation named by operationName is not in the document, or several are and none is named. */
  OPERATION_RESOLUTION_FAILURE = 'OPERATION_RESOLUTION_FAILURE',
  /** The query nests deeper than MAX_QUERY_DEPTH. */
  QUERY_TOO_DEEP = 'QUERY_TOO_DEEP',
  /** The query's estimated cost is over MAX_QUERY_COMPLEXITY. */
  QUERY_TOO_COMPLEX = 'QUERY_TOO_COMPLEX',
  /**
   * The request named its query by hash only (an automatic persisted query). Neither the hub nor
   * the gateway keeps queries: send the query text. Apollo's own code and answer, which Apollo
   * Client and urql read as "send the text instead".
   */
  PERSISTED_QUERY_NOT_SUPPORTED = 'PERSISTED_QUERY_NOT_SUPPORTED',
  /** The partnership, area, measure or other record asked for does not exist. */
  NOT_FOUND = 'NOT_FOUND',
  /** No valid key was given where one is needed. */
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  /** The key may not do this. */
  FORBIDDEN = 'FORBIDDEN',
  /** Too many requests; retry after the Retry-After header. */
  RATE_LIMITED = 'RATE_LIMITED',
  /**
   * A write met a SQLite store busy with another write for longer than STORE_BUSY_WAIT_MS.
   * Nothing was written; send it again after the Retry-After header's seconds.
   */
  STORE_BUSY = 'STORE_BUSY',
  /** The request took longer than REQUEST_TIMEOUT_MS. */
  TIMEOUT = 'TIMEOUT',
  /** Anything unexpected. The details are logged, never sent. */
  INTERNAL_SERVER_ERROR = 'INTERNAL_SERVER_ERROR',
}

registerEnumType(ErrorCode, {
  name: 'ErrorCode',
  description: "The codes the hub puts in an error's extensions.code.",
});
