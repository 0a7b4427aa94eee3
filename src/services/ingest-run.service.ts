import type { DataSource } from 'typeorm';
import { IngestRun } from '../entities';
import { toConnection, type ConnectionShape, type PageWindow } from '../graphql/connection';

export class IngestRunService {
  constructor(private readonly ds: DataSource) {}

  /** Runs, newest first, optionally of one dataset. */
  async page(datasetId: string | null | undefined, window: PageWindow): Promise<ConnectionShape<IngestRun>> {
    const [rows, total] = await this.ds.manager.findAndCount(IngestRun, {
      where: datasetId ? { datasetId } : {},
      order: { startedAt: 'DESC', id: 'DESC' },
      skip: window.offset,
      take: window.limit,
    });
    return toConnection(rows, total, window);
  }
}
