import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { issuingHub } from '../auth/api-keys';

// The gateway passes a caller's API key on to one hub only: the hub that issued it (named in
// the key). The other councils' hubs never see it, so a key cannot leak to them, and there
// the caller is anonymous, which is also all that hub would grant a key it does not know.

export interface GatewayContext {
  /** The key the caller presented to the gateway, or null. */
  apiKey: string | null;
}

export class HubDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    private readonly hubName: string,
    url: string,
  ) {
    super({ url });
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    const key = 'apiKey' in context ? context.apiKey : null;
    if (key && issuingHub(key) === this.hubName) request.http?.headers.set('authorization', `Bearer ${key}`);
  }
}
