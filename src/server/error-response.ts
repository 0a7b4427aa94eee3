import type { Response } from 'express';
import { GraphQLError } from 'graphql';
import { ErrorCode } from '../errors/error-code';
import type { Logger } from '../logging/logger';

// Errors answered outside GraphQL's own response (the CSV export and upload, the access checks,
// HTTP-level failures) in the same shape as GraphQL errors, with the status each code means.
// One table, so a code is answered with the same status on every route.

export const HTTP_STATUS: Readonly<Record<ErrorCode, number>> = {
  [ErrorCode.BAD_USER_INPUT]: 400,
  [ErrorCode.BAD_REQUEST]: 400,
  [ErrorCode.UNSUPPORTED_MEDIA_TYPE]: 415,
  [ErrorCode.GRAPHQL_PARSE_FAILED]: 400,
  [ErrorCode.GRAPHQL_VALIDATION_FAILED]: 400,
  [ErrorCode.OPERATION_RESOLUTION_FAILURE]: 400,
  [ErrorCode.QUERY_TOO_DEEP]: 400,
  [ErrorCode.QUERY_TOO_COMPLEX]: 400,
  // Only ever answered by GraphQL, where Apollo sends it with 200 so that clients read the code.
  [ErrorCode.PERSISTED_QUERY_NOT_SUPPORTED]: 400,
  [ErrorCode.NOT_FOUND]: 404,
  [ErrorCode.UNAUTHENTICATED]: 401,
  [ErrorCode.FORBIDDEN]: 403,
  [ErrorCode.RATE_LIMITED]: 429,
  [ErrorCode.STORE_BUSY]: 503,
  [ErrorCode.TIMEOUT]: 503,
  [ErrorCode.INTERNAL_SERVER_ERROR]: 500,
};

export interface ErrorBody {
  errors: Array<{ message: string; extensions: { code: ErrorCode } & Record<string, unknown> }>;
}

export function errorBody(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}): ErrorBody {
  return { errors: [{ message, extensions: { ...extensions, code } }] };
}

/** Answers with the code's status and one error of that code. */
export function sendError(
  res: Response,
  code: ErrorCode,
  message: string,
  extensions: Record<string, unknown> = {},
): void {
  res.status(HTTP_STATUS[code]).json(errorBody(code, message, extensions));
}

/** The headers an error's `http` extension carries (Apollo's HeaderMap is a Map). */
function headersOf(http: unknown): Array<[string, string]> {
  if (typeof http !== 'object' || http === null || !('headers' in http)) return [];
  const headers = (http as { headers: unknown }).headers;
  return headers instanceof Map ? [...(headers as Map<string, string>).entries()] : [];
}

const isErrorCode = (value: unknown): value is ErrorCode =>
  typeof value === 'string' && Object.hasOwn(HTTP_STATUS, value);

/**
 * Answers an error thrown while serving a route: a hub error with its code, status and
 * extensions (the rows of a refused submission, say); anything else is logged and masked.
 */
export function sendCaught(res: Response, err: unknown, logger: Logger, what: string): void {
  const code = err instanceof GraphQLError ? err.extensions.code : undefined;
  const expected = err instanceof GraphQLError && isErrorCode(code) && code !== ErrorCode.INTERNAL_SERVER_ERROR;
  if (!res.headersSent) {
    if (expected) {
      // `http` is for Apollo (a status and headers, e.g. STORE_BUSY's Retry-After): here it
      // becomes the answer's own headers, not part of its body.
      const { http, ...extensions } = err.extensions;
      for (const [name, value] of headersOf(http)) res.setHeader(name, value);
      return sendError(res, code, err.message, extensions);
    }
    logger.error(`${what} failed`, { error: err });
    return sendError(res, ErrorCode.INTERNAL_SERVER_ERROR, 'Internal server error.');
  }
  // Part of a streamed answer is out with a 200: the connection is dropped, not ended, so the
  // client sees a broken transfer rather than a file that merely looks short.
  logger.error(`${what} failed after the answer had begun`, { error: err });
  res.destroy(err instanceof Error ? err : undefined);
}
