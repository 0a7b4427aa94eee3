import { GraphQLError } from 'graphql';
import { ErrorCode } from './error-code';

/** An error meant for the client: its message is safe to show and it carries a code. */
export class HubError extends GraphQLError {
  constructor(code: ErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(message, { extensions: { code, ...details } });
  }
}

/**
 * Nothing matches what an argument named. The message names the argument, not its value: a
 * value echoed back may be markup a careless page shows, or a secret pasted into the wrong box.
 */
export const notFound = (what: string, argument: string): HubError =>
  new HubError(ErrorCode.NOT_FOUND, `No ${what} matches the "${argument}" argument.`, { what, argument });

export const badInput = (message: string, argument?: string): HubError =>
  new HubError(ErrorCode.BAD_USER_INPUT, message, argument ? { argument } : {});

/** A restricted measure's figures asked for by someone who may not see them. */
export const withheld = (measure: string, where: string): HubError =>
  new HubError(
    ErrorCode.FORBIDDEN,
    `${measure} is restricted: its figures for ${where} are only for API keys of member organisations of a partnership covering it. Its metadata is public (query measure).`,
  );
