import type { ApolloServerPlugin } from '@apollo/server';
import { Kind, visit, type DocumentNode, type ValueNode } from 'graphql';
import { ErrorCode } from '../errors/error-code';
import { HubError } from '../errors/hub-error';
import { NUL, holdsNul } from '../domain/text';

// One check of every string a GraphQL request carries, before anything is resolved: a NUL
// character (U+0000) is refused as BAD_USER_INPUT. PostgreSQL's text cannot hold it (it fails
// the statement with "invalid byte sequence", which reached callers as a 500), SQLite can; no
// code, slug, period or note has a use for one. Refused here, once, a string argument or
// variable with one never reaches a resolver, on either store.

const refusal = (where: string, extensions: Record<string, string>): HubError =>
  new HubError(ErrorCode.BAD_USER_INPUT, `${where} holds a NUL character (U+0000), which the hub does not take.`, {
    ...extensions,
    // Refused before execution: Apollo answers such an error with this status.
    http: { status: 400 },
  });

/** Whether a literal (a string, or a list or input object holding one) has a NUL in it. */
function literalHoldsNul(value: ValueNode): boolean {
  switch (value.kind) {
    case Kind.STRING:
      return holdsNul(value.value);
    case Kind.LIST:
      return value.values.some(literalHoldsNul);
    case Kind.OBJECT:
      return value.fields.some((f) => literalHoldsNul(f.value));
    default:
      return false;
  }
}

/** The first argument (or variable default) whose literal holds a NUL, or null. */
function nulLiteral(document: DocumentNode): HubError | null {
  let found: HubError | null = null;
  visit(document, {
    Argument(node) {
      if (!found && literalHoldsNul(node.value))
        found = refusal(`The "${node.name.value}" argument`, { argument: node.name.value });
    },
    VariableDefinition(node) {
      if (!found && node.defaultValue && literalHoldsNul(node.defaultValue))
        found = refusal(`The default of "$${node.variable.name.value}"`, { variable: node.variable.name.value });
    },
  });
  return found;
}

/** Whether a variable's value (JSON: strings, lists, objects) holds a NUL anywhere, keys included. */
function valueHoldsNul(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return holdsNul(value);
  // The body limit bounds the size; the depth bound keeps a deeply nested value from costing a
  // deep recursion (graphql-js refuses such a value when it coerces it anyway).
  if (depth > 64 || typeof value !== 'object' || value === null) return false;
  if (Array.isArray(value)) return value.some((v) => valueHoldsNul(v, depth + 1));
  return Object.entries(value).some(([k, v]) => k.includes(NUL) || valueHoldsNul(v, depth + 1));
}

export function inputPlugin(): ApolloServerPlugin {
  // A parsed document is kept by Apollo and arrives again as the same object: its literals
  // are looked at once.
  const literals = new WeakMap<DocumentNode, HubError | null>();
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operation, request }) {
          let literal = literals.get(document);
          if (literal === undefined) {
            literal = nulLiteral(document);
            literals.set(document, literal);
          }
          if (literal) throw literal;
          // Only the variables the operation declares are ever read; their names come from the
          // document (GraphQL names), so naming one repeats nothing the sender typed as a value.
          const variables = request.variables ?? {};
          for (const definition of operation?.variableDefinitions ?? []) {
            const name = definition.variable.name.value;
            if (valueHoldsNul(variables[name])) throw refusal(`The variable "$${name}"`, { variable: name });
          }
        },
      };
    },
  };
}
