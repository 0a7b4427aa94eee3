import type { FieldDecision } from '../entities';
import { recordKey, type DecidedRecord } from '../domain/decision-keys';
import type { HubContext } from '../graphql/context';

/** How every `decisions` field is described: the one place that says what their absence means. */
export const DECISIONS = {
  description:
    "Fields of this record whose values are not the cited document's own words, and whose they are (HUB, INFERRED, or DOCUMENT in other words). A field not listed is the document's words.",
};

/** The decisions filed under one record (see domain/decision-keys.ts), in file order. */
export function decisionsOf(ctx: HubContext, kind: DecidedRecord, id: string): Promise<FieldDecision[]> {
  return ctx.loaders.decisionsByRecord.load(recordKey(kind, id));
}
