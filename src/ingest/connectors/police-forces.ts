import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../config/project-root';

export interface PoliceForce {
  id: string;
  names: string[];
  policeForceArea: string;
}

// Forces the hub knows, keyed by the data.police.uk force id used in file names and the API.
export const POLICE_FORCES: PoliceForce[] = JSON.parse(
  readFileSync(join(PROJECT_ROOT, 'data', 'reference', 'police-forces.json'), 'utf8'),
) as PoliceForce[];

/** A street-level file's published name: YYYY-MM-<force>-street.csv. */
const STREET_FILE = /(\d{4}-\d{2})-([a-z-]+?)-street\.csv$/;

export function forceFromFileName(name: string): PoliceForce | undefined {
  const m = STREET_FILE.exec(name);
  return m ? POLICE_FORCES.find((f) => f.id === m[2]) : undefined;
}

/** The month a street-level file's name says it holds, if it is named as published. */
export function monthFromFileName(name: string): string | undefined {
  return STREET_FILE.exec(name)?.[1];
}

export function forceNamed(displayName: string): PoliceForce | undefined {
  return POLICE_FORCES.find((f) => f.names.includes(displayName));
}
