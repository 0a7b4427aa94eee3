import type { Connector } from '../ingest/connector';
import { FingertipsConnector } from './fingertips.connector';
import { FireIncidentsConnector } from './fire-incidents.connector';
import { OnsPopulationConnector } from './ons-population.connector';
import { PartnerFeedConnector } from './partner-feed.connector';
import { PoliceStreetConnector } from './police-street.connector';

export interface ConnectorOptions {
  forceTotals?: boolean;
}

const FACTORIES: Record<string, (options: ConnectorOptions) => Connector> = {
  'police-street': (o) => new PoliceStreetConnector({ forceTotals: o.forceTotals ?? true }),
  fingertips: () => new FingertipsConnector(),
  'fire-incidents': () => new FireIncidentsConnector(),
  'ons-population': () => new OnsPopulationConnector(),
  'partner-feed': () => new PartnerFeedConnector(),
};

export const CONNECTOR_DATASETS = Object.keys(FACTORIES);

export function createConnector(dataset: string, options: ConnectorOptions = {}): Connector {
  const factory = FACTORIES[dataset];
  if (!factory) throw new Error(`no connector for dataset "${dataset}"; known: ${CONNECTOR_DATASETS.join(', ')}`);
  return factory(options);
}
