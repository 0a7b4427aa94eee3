import type { Observation, ObservationRevision } from '../entities';

/** The figure an observation held until `supersededAt`, as the revision a change keeps of it. */
export function revisionOf(o: Observation, supersededAt: Date): Partial<ObservationRevision> {
  return {
    observationId: o.id,
    value: o.value,
    numerator: o.numerator,
    denominator: o.denominator,
    lowerCi: o.lowerCi,
    upperCi: o.upperCi,
    suppressed: o.suppressed,
    note: o.note,
    datasetId: o.datasetId,
    ingestRunId: o.ingestRunId,
    sourceDocument: o.sourceDocument,
    sourceUrl: o.sourceUrl,
    retrievedAt: o.retrievedAt,
    supersededAt,
  };
}
