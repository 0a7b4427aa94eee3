import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../config/project-root';

export interface PoliceForce {
  id: string;
  /** The names data.police.uk gives it in a file's Falls within column. */
  names: string[];
  /**
   * The police force area it polices; null for a force with no area of its own (British
   * Transport Police) or outside England and Wales (Northern Ireland), whose crimes count
   * towards no area's total.
   */
  policeForceArea: string | null;
  note?: string;
}

export type TerritorialForce = PoliceForce & { policeForceArea: string };

// Every force data.police.uk publishes, keyed by the force id used in file names and the API.
export const POLICE_FORCES: PoliceForce[] = JSON.parse(
  readFileSync(join(PROJECT_ROOT, 'data', 'reference', 'police-forces.json'), 'utf8'),
) as PoliceForce[];

export const isTerritorial = (force: PoliceForce): force is TerritorialForce => force.policeForceArea !== null;

/** The 43 territorial forces of England and Wales: a national total needs a file from each. */
export const TERRITORIAL_FORCES: TerritorialForce[] = POLICE_FORCES.filter(isTerritorial);

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
