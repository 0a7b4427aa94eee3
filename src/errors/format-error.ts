import type { GraphQLFormattedError } from 'graphql';
import type { Logger } from '../logging/logger';
import { ErrorCode } from './error-code';

const CLIENT_CODES = new Set<string>(Object.values(ErrorCode).filter((c) => c !== ErrorCode.INTERNAL_SERVER_ERROR));

// graphql-js echoes the offending value in coercion and validation messages. The value may be
// large or carry something the sender should not see reflected (and logs of responses would
// keep it), so it is cut out: the message keeps the variable or argument and the reason.
const ECHOES: Array<[RegExp, string]> = [
  [/ got invalid value [\s\S]*?; /, ' got an invalid value; '],
  [/ got invalid value [\s\S]*$/, ' got an invalid value.'],
  [/(cannot represent [^:]*?value): [\s\S]*$/, '$1.'],
  [/has invalid value [\s\S]*?\./, 'has an invalid value.'],
  [/ found [\s\S]*?\.(?=\s|$)/, ' found something else.'],
  [/Value "[\s\S]*?" does not exist in "(\w+)" enum\.?/, 'That value is not in the $1 enum.'],
  [/Expected value of type "([^"]+)", found [\s\S]*?;/, 'Expected a value of type "$1";'],
  // graphql-scalars' DateTime puts the value after its reason, with no colon before it.
  [/(cannot represent an invalid date-time-string) [\s\S]*$/, '$1.'],
  [/(cannot represent an invalid Unix timestamp) [\s\S]*$/, '$1.'],
  [/(cannot represent non string or Date type) [\s\S]*$/, '$1.'],
  // graphql-js names the operationName it could not find.
  [/Unknown operation named "[\s\S]*"\.?$/, 'No operation in the document has the name given as operationName.'],
];

export function stripEcho(message: string): string {
  return ECHOES.reduce((m, [pattern, replacement]) => m.replace(pattern, replacement), message);
}

/**
 * Apollo formatError: known client errors pass with their code (echo stripped); everything
 * else is masked as INTERNAL_SERVER_ERROR and logged with its original.
 */
export function createFormatError(logger: Logger) {
  return (formatted: GraphQLFormattedError, original: unknown): GraphQLFormattedError => {
    const code = typeof formatted.extensions?.code === 'string' ? formatted.extensions.code : undefined;
    if (code && CLIENT_CODES.has(code)) {
      const { stacktrace: _omit, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, message: stripEcho(formatted.message), extensions };
    }
    logger.error('unexpected error', { error: original, path: formatted.path });
    return {
      message: 'Internal server error.',
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
    };
  };
}
