import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { issuingHub } from '../auth/api-keys';

// The gateway passes a caller's API key on to one hub only: the hub that issued it (named in
// the key). The other councils' hubs never see it, so a key cannot leak to them, and there
// the caller is anonymous, which is also all that hub would grant a key it does not know.

export interface GatewayContext {
  /** The key the caller presented to the gateway, or null. */
  apiKey: string | null;
  /** The caller's address as the gateway sees it, forwarded so each hub limits the caller, not the gateway. */
  clientAddress: string | null;
  /** Each hub that refused its part of this request: its HTTP status and Retry-After seconds. */
  refusals: HubRefusalStatus[];
}

export interface HubRefusalStatus {
  hubName: string;
  status: number;
  retryAfter: number | null;
}

type HubResponse = Awaited<ReturnType<RemoteGraphQLDataSource<GatewayContext>['process']>>;
type FetchedResponse = Parameters<RemoteGraphQLDataSource<GatewayContext>['errorFromResponse']>[0];

/** A hub's refusal of a request as a whole (HTTP 4xx), with the errors it gave. */
class HubRefusal extends GraphQLError {
  constructor(
    readonly hubName: string,
    readonly status: number,
    readonly retryAfter: number | null,
    readonly errors: GraphQLFormattedError[],
  ) {
    super(`The hub "${hubName}" refused the request (HTTP ${status}).`);
  }
}

const isFormattedError = (value: unknown): value is GraphQLFormattedError =>
  typeof value === 'object' && value !== null && 'message' in value && typeof value.message === 'string';

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
    // Set, never appended to: what the caller itself sent in the header is the caller's claim,
    // and the gateway has already judged it (its own TRUSTED_PROXIES) in working out the address.
    const address = 'clientAddress' in context ? context.clientAddress : null;
    if (address) request.http?.headers.set('x-forwarded-for', address);
  }

  /**
   * A hub refuses a whole request with a 4xx and GraphQL errors in its body (QUERY_TOO_COMPLEX,
   * UNAUTHENTICATED...). Apollo's data source turns any such answer into one error of its own,
   * "400: Bad Request", with the hub's URL and body in its extensions: the caller got
   * "Internal server error." for a hub's QUERY_TOO_COMPLEX, and for a 401 would have got the
   * hub's address. The hub's own errors are kept instead, and nothing else of the answer.
   */
  override async errorFromResponse(response: FetchedResponse): Promise<GraphQLError> {
    const body: unknown = await this.parseBody(response).catch(() => null);
    const errors =
      typeof body === 'object' && body !== null && 'errors' in body && Array.isArray(body.errors)
        ? body.errors.filter(isFormattedError)
        : [];
    // 4xx, and 503 (TIMEOUT, a busy store): the hub's own refusals, each with a code of its enum.
    // Any other 5xx is a failure, masked below.
    if (((response.status >= 400 && response.status < 500) || response.status === 503) && errors.length > 0) {
      const retryAfter = Number(response.headers.get('retry-after'));
      return new HubRefusal(
        this.hubName,
        response.status,
        Number.isInteger(retryAfter) && retryAfter > 0 ? retryAfter : null,
        errors,
      );
    }
    return new GraphQLError(`The hub "${this.hubName}" answered HTTP ${response.status}.`);
  }

  /**
   * A refusal reaches the caller as the hub's errors: the gateway's formatError passes those
   * with a code of the hub's enum (message and details as the hub gave them, with serviceName)
   * and masks the rest. The refusal's status and Retry-After are noted in the context, and the
   * gateway answers with them (refusalStatusPlugin). Any other failure is thrown on without a
   * code, so it is masked and logged.
   */
  override async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<HubResponse> {
    try {
      return await super.process(options);
    } catch (err) {
      if (err instanceof HubRefusal) {
        if ('refusals' in options.context)
          options.context.refusals.push({ hubName: err.hubName, status: err.status, retryAfter: err.retryAfter });
        return { errors: err.errors };
      }
      throw err instanceof GraphQLError && !err.extensions.code
        ? err
        : new GraphQLError(`The hub "${this.hubName}" could not be asked.`, {
            originalError: err instanceof Error ? err : undefined,
          });
    }
  }
}
