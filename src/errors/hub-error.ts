import { GraphQLError } from 'graphql';
import { ErrorCode } from './error-code';

/** An error meant for the client: its message is safe to show and it carries a code. */
export class HubError extends GraphQLError {
  constructor(code: ErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(message, { extensions: { code, ...details } });
  }
}

export const notFound = (what: string, key: string): HubError =>
  new HubError(ErrorCode.NOT_FOUND, `No ${what} "${key}".`, { what, key });

export const badInput = (message: string, argument?: string): HubError =>
  new HubError(ErrorCode.BAD_USER_INPUT, message, argument ? { argument } : {});
