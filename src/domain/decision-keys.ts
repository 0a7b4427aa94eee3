// The key a decision (FieldDecision) is filed under: the kind of record and its id. The loader
// files decisions by it and the resolvers look them up by it, so the two cannot disagree.

export type DecidedRecord =
  | 'DOCUMENT'
  | 'MEASURE'
  | 'ORGANISATION'
  | 'PARTNERSHIP'
  | 'GROUP'
  | 'MEMBERSHIP'
  | 'PLAN'
  | 'PRIORITY'
  | 'OBJECTIVE'
  | 'ACTION'
  | 'KEY_PERSON'
  | 'SECTION'
  | 'STRATEGY'
  | 'TREND'
  | 'MEETING'
  | 'UPDATE'
  | 'FIGURE';

export function recordKey(kind: DecidedRecord, id: string): string {
  return `${kind}:${id}`;
}

/** A quoted figure has no id of its own in the files: it is the one of its measure, area and period. */
export function figureKey(measureCode: string, areaCode: string, period: string): string {
  return recordKey('FIGURE', `${measureCode}|${areaCode}|${period}`);
}
