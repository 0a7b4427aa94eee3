import type { DataSource } from 'typeorm';
import { Dataset, Organisation, SourceDocument } from '../entities';
import { notFound } from '../errors/hub-error';
import { toConnection, type ConnectionShape, type PageWindow } from '../graphql/connection';
import { findByKey, findWhere } from '../store/hydrate';

/** The hub's catalogue: source documents, datasets and organisations. */
export class CatalogueService {
  constructor(private readonly ds: DataSource) {}

  documents(): Promise<SourceDocument[]> {
    return findWhere(this.ds, SourceDocument, '', [], 'ORDER BY x.id ASC');
  }

  datasets(): Promise<Dataset[]> {
    return findWhere(this.ds, Dataset, '', [], 'ORDER BY x.id');
  }

  async organisation(id: string): Promise<Organisation> {
    const found = await findByKey(this.ds, Organisation, 'id', id);
    if (!found) throw notFound('organisation', 'id');
    return found;
  }

  async organisations(window: PageWindow): Promise<ConnectionShape<Organisation>> {
    const [rows, total] = await this.ds.manager.findAndCount(Organisation, {
      order: { name: 'ASC', id: 'ASC' },
      skip: window.offset,
      take: window.limit,
    });
    return toConnection(rows, total, window);
  }
}
