import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import {
  Kind,
  type DocumentNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

// The Cache-Control header of a response, as Apollo's cache-control plugin works it out, for a
// schema that carries no @cacheControl hints and resolvers that set none. Then every field
// Apollo's plugin sees either adds nothing or defaultMaxAge, and a response gets defaultMaxAge
// as soon as one root field other than __typename, __schema or __type was executed. Apollo's
// plugin learns that from a hook on every resolved field (a cost paid per field of every
// response); the executed root fields are the keys of the response's data, so this plugin
// reads them there, once per response. A schema with hints keeps Apollo's plugin.

const UNCACHEABLE = 'no-store';

interface Hint {
  maxAge: number;
  scope: 'PUBLIC' | 'PRIVATE';
}
const CACHEABLE = /^max-age=(\d+), (public|private)$/;

/** Whether a type or field of the schema carries a @cacheControl directive. */
export function hasCacheHints(schema: GraphQLSchema): boolean {
  const hinted = (node: { directives?: ReadonlyArray<{ name: { value: string } }> } | null | undefined): boolean =>
    !!node?.directives?.some((d) => d.name.value === 'cacheControl');
  for (const type of Object.values(schema.getTypeMap())) {
    if (hinted(type.astNode) || type.extensionASTNodes.some(hinted)) return true;
    if ('getFields' in type)
      for (const field of Object.values(type.getFields())) if (hinted(field.astNode)) return true;
  }
  return false;
}

/** Response key to field name for the root selections of an operation, through fragments. */
function rootFieldNames(document: DocumentNode, operation: OperationDefinitionNode): Map<string, string> {
  const fragments = new Map(
    document.definitions.flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d] as const] : [])),
  );
  const names = new Map<string, string>();
  const seen = new Set<string>();
  const walk = (set: SelectionSetNode): void => {
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD) names.set(sel.alias?.value ?? sel.name.value, sel.name.value);
      else if (sel.kind === Kind.INLINE_FRAGMENT) walk(sel.selectionSet);
      else if (!seen.has(sel.name.value)) {
        seen.add(sel.name.value);
        const fragment = fragments.get(sel.name.value);
        if (fragment) walk(fragment.selectionSet);
      }
    }
  };
  walk(operation.selectionSet);
  return names;
}

/** An existing Cache-Control header read as Apollo's plugin reads it. */
function existingHint(header: string | undefined): 'none' | 'uncacheable' | 'unparsable' | Hint {
  if (!header) return 'none';
  if (header === UNCACHEABLE) return 'uncacheable';
  const m = CACHEABLE.exec(header);
  return m ? { maxAge: Number(m[1]), scope: m[2] === 'public' ? 'PUBLIC' : 'PRIVATE' } : 'unparsable';
}

/** Sets Cache-Control as ApolloServerPluginCacheControl({ defaultMaxAge }) would, for a schema without hints. */
export function cachePolicyPlugin<C extends BaseContext>(defaultMaxAge: number): ApolloServerPlugin<C> {
  const names = new WeakMap<OperationDefinitionNode, Map<string, string>>();
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, document, operation, overallCachePolicy }) {
          const data = response.body.kind === 'single' ? response.body.singleResult.data : undefined;
          if (document && operation && data) {
            let byKey = names.get(operation);
            if (!byKey) {
              byKey = rootFieldNames(document, operation);
              names.set(operation, byKey);
            }
            const keys = byKey;
            if (Object.keys(data).some((key) => !(keys.get(key) ?? key).startsWith('__')))
              overallCachePolicy.restrict({ maxAge: defaultMaxAge });
          }
          const existing = existingHint(response.http.headers.get('cache-control'));
          if (existing === 'unparsable') return;
          if (typeof existing === 'object') overallCachePolicy.restrict(existing);
          const policy = overallCachePolicy.policyIfCacheable();
          const clean = response.body.kind === 'single' && !response.body.singleResult.errors;
          response.http.headers.set(
            'cache-control',
            policy && existing !== 'uncacheable' && clean
              ? `max-age=${policy.maxAge}, ${policy.scope.toLowerCase()}`
              : UNCACHEABLE,
          );
        },
      };
    },
  };
}
