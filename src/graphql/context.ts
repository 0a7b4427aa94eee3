import type { DataSource } from 'typeorm';
import { loadVisibility } from '../auth/member-scope';
import type { Visibility } from '../auth/visibility';
import type { Settings } from '../config/settings';
import { createLoaders, type Loaders } from '../loaders/loaders';
import type { Principal } from '../server/access';
import type { PlanGraph } from '../services/plan-graph.service';
import type { Services } from '../services/services';

/** What every resolver gets: this request's loaders, the shared services, the settings. */
export interface HubContext {
  loaders: Loaders;
  services: Services;
  settings: Settings;
  /** The organisation whose API key came with the request, or null. */
  principal: Principal | null;
  /** What this request may see of measures that are not public; read once, when first asked. */
  visibility: () => Promise<Visibility>;
  /** The plan graph, current as of this request: its token is read once, when first asked. */
  planGraph: () => Promise<PlanGraph>;
}

/** The context of one request. */
export function createContext(
  ds: DataSource,
  services: Services,
  settings: Settings,
  principal: Principal | null,
): HubContext {
  let visibility: Promise<Visibility> | null = null;
  let planGraph: Promise<PlanGraph> | null = null;
  const organisationId = principal?.organisationId ?? null;
  return {
    loaders: createLoaders(ds, { organisationId, threshold: settings.smallCountThreshold }),
    services,
    settings,
    principal,
    visibility: () => (visibility ??= loadVisibility(ds, organisationId, settings.smallCountThreshold)),
    planGraph: () => (planGraph ??= services.planGraph.current()),
  };
}

/** A relation that the store's foreign keys guarantee; a miss is a bug, reported as such. */
export function must<T>(value: T | null | undefined, what: string): T {
  if (value === null || value === undefined) throw new Error(`dangling reference: ${what}`);
  return value;
}
