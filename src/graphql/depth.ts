import {
  Kind,
  type DocumentNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

function fragmentsOf(document: DocumentNode): Map<string, FragmentDefinitionNode> {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const def of document.definitions) if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
  return fragments;
}

/**
 * Walks an operation's selections, fragments followed, working out a value per selection set:
 * `field` gives a field's value from its own set's (null for a leaf), `fragment` an inline
 * fragment's or a spread's from its set's, and `combine` a set's from its selections'. Each
 * fragment's value is worked out once and remembered, so a document whose fragments spread
 * each other twice over, level after level, takes time linear in its length though its
 * expansion doubles at every level (walked per path, 20 such levels took seconds). A fragment
 * cycle (which validation rejects anyway) is unbounded rather than a loop.
 */
function walk(
  document: DocumentNode,
  operation: OperationDefinitionNode,
  field: (name: string, inner: number | null) => number,
  fragment: (inner: number) => number,
  combine: (values: number[]) => number,
): number {
  const fragments = fragmentsOf(document);
  const known = new Map<string, number>();
  const open = new Set<string>();
  const valueOf = (set: SelectionSetNode): number => {
    const values: number[] = [];
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD) {
        values.push(field(sel.name.value, sel.selectionSet ? valueOf(sel.selectionSet) : null));
      } else if (sel.kind === Kind.INLINE_FRAGMENT) {
        values.push(fragment(valueOf(sel.selectionSet)));
      } else {
        const name = sel.name.value;
        let value = known.get(name);
        if (value === undefined) {
          const definition = fragments.get(name);
          if (open.has(name)) return Number.POSITIVE_INFINITY;
          open.add(name);
          value = definition ? valueOf(definition.selectionSet) : 0;
          open.delete(name);
          known.set(name, value);
        }
        values.push(fragment(value));
      }
    }
    return combine(values);
  };
  return valueOf(operation.selectionSet);
}

/** How deep an operation's fields nest, fragments followed; `__typename` and the like do not count. */
export function operationDepth(document: DocumentNode, operation: OperationDefinitionNode): number {
  return walk(
    document,
    operation,
    (name, inner) => (name.startsWith('__') ? 0 : 1 + (inner ?? 0)),
    (inner) => inner,
    (values) => values.reduce((deepest, v) => Math.max(deepest, v), 0),
  );
}

/**
 * How many selections pricing an operation visits: its fields, and the inline fragments and
 * fragment spreads, each fragment counted in full wherever it is spread, as the cost estimate
 * walks it (a fragment spread counts 1 besides its contents, as an inline fragment does).
 */
export function operationSize(document: DocumentNode, operation: OperationDefinitionNode): number {
  return walk(
    document,
    operation,
    (_name, inner) => 1 + (inner ?? 0),
    (inner) => 1 + inner,
    (values) => values.reduce((sum, v) => sum + v, 0),
  );
}
