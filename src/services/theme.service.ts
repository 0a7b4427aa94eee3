import type { DataSource } from 'typeorm';
import { Theme } from '../entities';
import { notFound } from '../errors/hub-error';

export class ThemeService {
  constructor(private readonly ds: DataSource) {}

  list(): Promise<Theme[]> {
    return this.ds.manager.find(Theme, { order: { code: 'ASC' } });
  }

  async byCode(code: string): Promise<Theme> {
    const found = await this.ds.manager.findOne(Theme, { where: { code } });
    if (!found) throw notFound('theme', code);
    return found;
  }
}
