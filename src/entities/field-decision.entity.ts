import { Field, ObjectType } from 'type-graphql';
import { Entity, Index } from 'typeorm';
import { FieldBasis } from '../domain/enums';
import { EnumColumn, IntColumn, KeyPrimaryColumn, NameColumn, TextColumn } from './columns';

/**
 * One field of a reference record whose value is not the document's own words, and whose it
 * is. Records of every kind share the table, keyed by `recordKey` (see decision-keys.ts): a
 * field with no decision is the document's.
 */
@ObjectType({
  description:
    "A field whose value is not the cited document's own words: the document says it otherwise (DOCUMENT), the hub chose it (HUB) or worked it out (INFERRED). Fields without one are the document's words.",
})
@Entity('field_decision')
export class FieldDecision {
  @KeyPrimaryColumn()
  id!: string;

  // Kind and id of the record, e.g. "MEASURE:partner.drug-related-deaths" (decision-keys.ts).
  @Index()
  @NameColumn()
  recordKey!: string;

  @Field({ description: 'The field the decision is about, e.g. owner, period.' })
  @NameColumn()
  field!: string;

  @Field(() => FieldBasis)
  @EnumColumn()
  basis!: FieldBasis;

  @Field({ description: 'DOCUMENT: the words of the document; HUB: why; INFERRED: from what.' })
  @TextColumn()
  reason!: string;

  @IntColumn()
  position!: number;
}
