import type { Settings } from '../config/settings';
import type { Loaders } from '../loaders/loaders';
import type { Principal } from '../server/access';
import type { Services } from '../services/services';

/** What every resolver gets: this request's loaders, the shared services, the settings. */
export interface HubContext {
  loaders: Loaders;
  services: Services;
  settings: Settings;
  /** The organisation whose API key came with the request, or null. */
  principal: Principal | null;
}

/** A relation that the store's foreign keys guarantee; a miss is a bug, reported as such. */
export function must<T>(value: T | null | undefined, what: string): T {
  if (value === null || value === undefined) throw new Error(`dangling reference: ${what}`);
  return value;
}
