import type { DataSource } from 'typeorm';
import { Measure, MeasureLink, MeasureTheme, PriorityTheme } from '../entities';
import { notFound } from '../errors/hub-error';
import { toConnection, type ConnectionShape, type PageWindow } from '../graphql/connection';
import { findByKey } from '../store/hydrate';

export interface MeasureFilter {
  theme?: string | null;
  source?: string | null;
  partnership?: string | null;
}

export class MeasureService {
  constructor(private readonly ds: DataSource) {}

  async byCode(code: string): Promise<Measure> {
    const found = await findByKey(this.ds, Measure, 'code', code);
    if (!found) throw notFound('measure', 'code');
    return found;
  }

  /** Measures by source, by partnership (linked to its plans) and by theme (tagged, or linked to a priority of the theme). */
  async page(filter: MeasureFilter, window: PageWindow): Promise<ConnectionShape<Measure>> {
    const qb = this.ds.manager.createQueryBuilder(Measure, 'm');
    if (filter.source) qb.andWhere('m.source = :source', { source: filter.source });
    if (filter.partnership) {
      const linked = qb
        .subQuery()
        .select('ml.measure_code')
        .from(MeasureLink, 'ml')
        .where('ml.partnership_slug = :partnership')
        .getQuery();
      qb.andWhere(`m.code IN ${linked}`, { partnership: filter.partnership });
    }
    if (filter.theme) {
      const tagged = qb
        .subQuery()
        .select('mt.measure_code')
        .from(MeasureTheme, 'mt')
        .where('mt.theme_code = :theme')
        .getQuery();
      const viaPriority = qb
        .subQuery()
        .select('ml2.measure_code')
        .from(MeasureLink, 'ml2')
        .innerJoin(PriorityTheme, 'pt', 'pt.priority_id = ml2.priority_id')
        .where('pt.theme_code = :theme')
        .getQuery();
      qb.andWhere(`(m.code IN ${tagged} OR m.code IN ${viaPriority})`, { theme: filter.theme });
    }
    const [rows, total] = await qb.orderBy('m.code', 'ASC').skip(window.offset).take(window.limit).getManyAndCount();
    return toConnection(rows, total, window);
  }
}
