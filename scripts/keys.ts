import 'reflect-metadata';
import { createKey, KeyError, listKeys, revokeKey } from '../src/auth/api-keys';
import { loadSettings } from '../src/config/settings';
import { silentLogger } from '../src/logging/logger';
import { loadGeography } from '../src/geography/geography-loader';
import { loadReferenceData } from '../src/reference/reference-loader';
import { openStore } from '../src/store/data-source';
import { FiguresChanged } from '../src/ingest/figures-changed';

// npm run keys -- create <organisation> [--label "who uses it"]
// npm run keys -- list [organisation]
// npm run keys -- revoke <prefix>
const USAGE = 'usage: npm run keys -- create <organisation> [--label L] | list [organisation] | revoke <prefix>';

async function main(argv: string[]): Promise<number> {
  const [command, arg, flag, value] = argv;
  if (!command || !['create', 'list', 'revoke'].includes(command) || (command !== 'list' && !arg)) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const settings = loadSettings();
  const ds = await openStore(settings, silentLogger);
  const figuresChanged = new FiguresChanged(ds, settings.smallCountThreshold, silentLogger);
  try {
    await loadGeography(ds, settings.geographyDir, silentLogger);
    await loadReferenceData(ds, settings.referenceDir, figuresChanged, silentLogger);
    if (command === 'create') {
      const label = flag === '--label' && value ? value : `key for ${arg}`;
      const { key, record } = await createKey(ds, arg as string, label, settings.hubId);
      process.stdout.write(`${key}\n`);
      process.stderr.write(
        `created key ${record.prefix} for ${record.organisationId} ("${record.label}"), valid on hub "${settings.hubId}" (HUB_ID). It is shown once: store it now.\n`,
      );
    } else if (command === 'revoke') {
      const key = await revokeKey(ds, arg as string);
      process.stdout.write(`revoked ${key.prefix} (${key.organisationId}) at ${key.revokedAt!.toISOString()}\n`);
    } else {
      for (const k of await listKeys(ds, arg)) {
        process.stdout.write(
          `${k.prefix}  ${k.organisationId}  ${k.label}  created ${k.createdAt.toISOString()}${k.revokedAt ? `  REVOKED ${k.revokedAt.toISOString()}` : ''}\n`,
        );
      }
    }
    return 0;
  } catch (err) {
    if (err instanceof KeyError) {
      process.stderr.write(`${err.message}\n`);
      return 1;
    }
    throw err;
  } finally {
    await ds.destroy();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
