import type { DataSource } from 'typeorm';
import { Dataset } from '../src/entities';
import type { JobSpec } from './job-config';

/** Records each dataset's cron on its row, so `datasets { schedule }` says when it next runs. */
export async function recordSchedules(ds: DataSource, specs: JobSpec[]): Promise<void> {
  const scheduled = new Map(specs.map((s) => [s.dataset, s.cron]));
  for (const d of await ds.manager.find(Dataset)) {
    const cron = scheduled.get(d.id) ?? null;
    if (d.schedule !== cron) await ds.manager.update(Dataset, { id: d.id }, { schedule: cron });
  }
}
