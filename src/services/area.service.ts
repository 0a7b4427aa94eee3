import type { DataSource } from 'typeorm';
import { Area, AreaParent } from '../entities';
import type { AreaType } from '../domain/enums';
import { GSS_CODE } from '../domain/gss-code';
import { badInput, notFound } from '../errors/hub-error';
import { toConnection, type ConnectionShape, type PageWindow } from '../graphql/connection';
import { findByKey } from '../store/hydrate';

export function checkAreaCode(code: string, argument = 'code'): void {
  if (!GSS_CODE.test(code))
    throw badInput(`"${argument}" must be a GSS code: a letter and eight digits, e.g. E07000088.`, argument);
}

export interface AreaFilter {
  type?: AreaType | null;
  parent?: string | null;
}

export class AreaService {
  constructor(private readonly ds: DataSource) {}

  async byCode(code: string): Promise<Area> {
    checkAreaCode(code);
    const found = await findByKey(this.ds, Area, 'code', code);
    if (!found) throw notFound('area', 'code');
    return found;
  }

  async page(filter: AreaFilter, window: PageWindow): Promise<ConnectionShape<Area>> {
    const qb = this.ds.manager.createQueryBuilder(Area, 'a');
    if (filter.type) qb.andWhere('a.type = :type', { type: filter.type });
    if (filter.parent) {
      checkAreaCode(filter.parent, 'parent');
      qb.innerJoin(AreaParent, 'ap', 'ap.child_code = a.code AND ap.parent_code = :parent', { parent: filter.parent });
    }
    const [rows, total] = await qb.orderBy('a.code', 'ASC').skip(window.offset).take(window.limit).getManyAndCount();
    return toConnection(rows, total, window);
  }
}
