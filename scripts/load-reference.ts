import 'reflect-metadata';
import { loadSettings } from '../src/config/settings';
import { createLogger } from '../src/logging/logger';
import { loadGeography } from '../src/geography/geography-loader';
import { countChanges, loadReferenceData } from '../src/reference/reference-loader';
import { ReferenceDataError } from '../src/reference/reference-files';
import { openStore } from '../src/store/data-source';
import { FiguresChanged } from '../src/ingest/figures-changed';

// Loads the reference folder into the configured store and prints what changed per table.
async function main(): Promise<void> {
  const settings = loadSettings();
  const logger = createLogger(settings.logLevel, { service: 'reference' });
  const ds = await openStore(settings, logger);
  const figuresChanged = new FiguresChanged(ds, settings.smallCountThreshold, logger);
  try {
    await loadGeography(ds, settings.geographyDir, logger);
    const report = await loadReferenceData(ds, settings.referenceDir, figuresChanged, logger);
    for (const [table, c] of Object.entries(report)) {
      if (c.inserted + c.updated + c.deleted > 0)
        process.stdout.write(`${table}: +${c.inserted} ~${c.updated} -${c.deleted}\n`);
    }
    process.stdout.write(`${countChanges(report)} change(s)\n`);
  } finally {
    await ds.destroy();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(
    `${err instanceof ReferenceDataError ? err.message : err instanceof Error ? err.stack : String(err)}\n`,
  );
  process.exit(1);
});
