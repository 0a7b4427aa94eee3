import type { AnyConnector } from '../connector';
import { FingertipsConnector } from './fingertips.connector';
import { FireIncidentsConnector } from './fire-incidents.connector';
import { OnsPopulationConnector } from './ons-population.connector';
import { PartnerFeedConnector } from './partner-feed.connector';
import { PoliceApiConnector, type PoliceApiArea } from './police-api/police-api.connector';
import { PoliceStreetConnector } from './police-street.connector';

export interface ConnectorOptions {
  forceTotals?: boolean;
  /** police-api: the force id, the area polygons, the month (default: the latest). */
  force?: string;
  areas?: PoliceApiArea[];
  month?: string;
}

const FACTORIES: Record<string, (options: ConnectorOptions) => AnyConnector> = {
  'police-street': (o) => new PoliceStreetConnector({ forceTotals: o.forceTotals ?? true }),
  fingertips: () => new FingertipsConnector(),
  'fire-incidents': () => new FireIncidentsConnector(),
  'ons-population': () => new OnsPopulationConnector(),
  'partner-feed': () => new PartnerFeedConnector(),
  'police-api': (o) => {
    if (!o.force || !o.areas?.length)
      throw new Error('the police-api job needs options.force and options.areas (code and poly for each)');
    return new PoliceApiConnector({
      force: o.force,
      areas: o.areas,
      month: o.month,
      forceTotals: o.forceTotals ?? false,
    });
  },
};

export const CONNECTOR_DATASETS = Object.keys(FACTORIES);

export function createConnector(dataset: string, options: ConnectorOptions = {}): AnyConnector {
  const factory = FACTORIES[dataset];
  if (!factory) throw new Error(`no connector for dataset "${dataset}"; known: ${CONNECTOR_DATASETS.join(', ')}`);
  return factory(options);
}
