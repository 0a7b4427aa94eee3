import type { DataSource } from 'typeorm';
import { Theme } from '../entities';
import { notFound } from '../errors/hub-error';
import { findByKey, findWhere } from '../store/hydrate';

export class ThemeService {
  constructor(private readonly ds: DataSource) {}

  list(): Promise<Theme[]> {
    return findWhere(this.ds, Theme, '', [], 'ORDER BY x.code ASC');
  }

  async byCode(code: string): Promise<Theme> {
    const found = await findByKey(this.ds, Theme, 'code', code);
    if (!found) throw notFound('theme', 'code');
    return found;
  }
}
