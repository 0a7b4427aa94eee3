import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';

// Static composition: read each hub's subgraph SDL from its own /graphql (`_service { sdl }`),
// compose them here with @apollo/composition, and hand the supergraph to the gateway. No
// registry, no Rover, no request to anything but the listed hubs.

export interface SubgraphSource {
  name: string;
  url: string;
}

export class CompositionError extends Error {}

async function fetchSdl(s: SubgraphSource): Promise<string> {
  let res: Response;
  try {
    res = await fetch(s.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ _service { sdl } }' }),
      signal: AbortSignal.timeout(15_000),
    });
  } catch (err) {
    throw new CompositionError(`subgraph ${s.name} at ${s.url} did not answer: ${(err as Error).message}`);
  }
  const body = (await res.json()) as { data?: { _service?: { sdl?: string } }; errors?: Array<{ message: string }> };
  const sdl = body.data?._service?.sdl;
  if (!sdl)
    throw new CompositionError(
      `subgraph ${s.name} at ${s.url} gave no SDL (is FEDERATION=true set there?)${body.errors ? `: ${body.errors.map((e) => e.message).join('; ')}` : ''}`,
    );
  // The gateway sends a key only to the hub named in it, by this name: a name given to another
  // hub's URL would send keys to the wrong council.
  if (!new RegExp(`^\\s*${s.name}: HubView!`, 'm').test(sdl))
    throw new CompositionError(`subgraph ${s.name} at ${s.url} is not the hub "${s.name}" (its HUB_ID differs)`);
  return sdl;
}

export async function composeSupergraph(subgraphs: SubgraphSource[]): Promise<string> {
  if (subgraphs.length === 0)
    throw new CompositionError('no subgraphs: set GATEWAY_SUBGRAPHS to name=http://host:port/graphql,...');
  const services = await Promise.all(
    subgraphs.map(async (s) => ({ name: s.name, url: s.url, typeDefs: parse(await fetchSdl(s)) })),
  );
  const result = composeServices(services);
  if (result.errors)
    throw new CompositionError(`composition failed:\n${result.errors.map((e) => `  - ${e.message}`).join('\n')}`);
  return result.supergraphSdl;
}
