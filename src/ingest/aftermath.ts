import type { EntityManager } from 'typeorm';
import { insertRows } from '../store/insert-rows';
import { placeholders } from '../store/sql';
import { PendingAftermath } from '../entities';
import { POPULATION } from '../services/series.service';

// What a write of figures leaves for its aftermath, in the write's own transaction: the changed
// measures are marked as pending, and their stored scorecard summaries are dropped. Scorecards
// then work those measures out live until the aftermath stores new summaries, so a summary is
// never older than the figures, even when the process dies between the commit and the
// aftermath; the mark lets the next process start find that aftermath and do it (see
// FiguresChanged.redoPending).

export async function markChanged(
  m: EntityManager,
  measureCodes: string[],
  ingestRunId: number | null,
  at: Date,
): Promise<void> {
  if (!measureCodes.length) return;
  await insertRows(
    m,
    PendingAftermath,
    ['measureCode', 'ingestRunId', 'markedAt'],
    measureCodes.map((code) => [code, ingestRunId, at]),
  );
  // Population is every count's denominator: a change of it moves every partnership's rates.
  if (measureCodes.includes(POPULATION)) await m.query('DELETE FROM measure_summary');
  else
    await m.query(
      `DELETE FROM measure_summary WHERE measure_code IN (${placeholders(m.connection, measureCodes.length)})`,
      measureCodes,
    );
}
