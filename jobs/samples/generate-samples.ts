import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../src/config/project-root';
import { fingertipsSample, fireSample, partnerFeedSample } from './other.sample';
import { policeStreetSamples } from './police-street.sample';

// Writes the SAMPLE DATA the hub loads on first start into <dir>/<dataset>/, the same bytes on
// every machine (seeded): 36 months of street-level crime for the partnerships' districts (in
// their real LSOAs, at their real rates), Fingertips indicators and fire incidents 2013-2023, a
// partner feed. Population is not sampled: the hub loads the real ONS estimates in data/ons/.

export const SAMPLES_DIR = join(PROJECT_ROOT, 'data', 'samples');
export const SAMPLE_RANGE = { fromMonth: '2021-01', toMonth: '2023-12', fromYear: 2013, toYear: 2023 };

/**
 * Which generator wrote the files, kept beside them. Bumped whenever the samples change shape
 * (2: real LSOAs and rates instead of invented E0190xxxx codes), so a checkout holding files from
 * an earlier generator writes them again rather than ingesting what the code no longer makes.
 */
export const SAMPLES_VERSION = '2';
const STAMP = 'GENERATOR_VERSION';

/** Whether `dir` holds samples from this generator. */
export function samplesCurrent(dir = SAMPLES_DIR): boolean {
  try {
    return readFileSync(join(dir, STAMP), 'utf8').trim() === SAMPLES_VERSION;
  } catch {
    return false;
  }
}

export function generateSamples(dir = SAMPLES_DIR): Record<string, number> {
  const written: Record<string, number> = {};
  // Files of an earlier generator may have other names: none of them is left behind.
  for (const dataset of ['police-street', 'fingertips', 'fire-incidents', 'partner-feed'])
    rmSync(join(dir, dataset), { recursive: true, force: true });
  const write = (dataset: string, name: string, text: string): void => {
    mkdirSync(join(dir, dataset), { recursive: true });
    writeFileSync(join(dir, dataset, name), text);
    written[dataset] = (written[dataset] ?? 0) + 1;
  };
  for (const f of policeStreetSamples(SAMPLE_RANGE.fromMonth, SAMPLE_RANGE.toMonth))
    write('police-street', f.name, f.text);
  write('fingertips', 'all-data-sample.csv', fingertipsSample(SAMPLE_RANGE.fromYear, SAMPLE_RANGE.toYear));
  write('fire-incidents', 'fire0102-sample.csv', fireSample(SAMPLE_RANGE.fromYear, SAMPLE_RANGE.toYear));
  write('partner-feed', 'portsmouth-sample.csv', partnerFeedSample(2021, SAMPLE_RANGE.toYear));
  writeFileSync(join(dir, STAMP), `${SAMPLES_VERSION}\n`);
  return written;
}
