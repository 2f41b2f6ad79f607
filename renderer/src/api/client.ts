import type { ApiErrorKind, CoreEventName, CoreEvents, Handlers } from '../../../electron/core/api/types';
import type { ConnectionState, Transport } from './transport';

export type MethodName = keyof Handlers & string;
export type ArgsOf<N extends MethodName> = Handlers[N]['args'];
export type ResultOf<N extends MethodName> = Handlers[N]['result'];

/** An API error as the renderer sees it; `kind` decides what the page shows. */
export class ApiCallError extends Error {
  override readonly name = 'ApiCallError';
  constructor(
    readonly kind: ApiErrorKind,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export interface ApiClient {
  /** Resolves with the handler's result; rejects with an ApiCallError. */
  call<N extends MethodName>(name: N, args: ArgsOf<N>): Promise<ResultOf<N>>;
  on<E extends CoreEventName>(event: E, listener: (payload: CoreEvents[E]) => void): () => void;
  onConnectionChange(listener: (state: ConnectionState) => void): () => void;
  close(): void;
}

export function createApiClient(transport: Transport): ApiClient {
  return {
    async call(name, args) {
      const outcome = await transport.call(name, args);
      if ('error' in outcome) {
        const { kind, message, details } = outcome.error;
        throw new ApiCallError(kind, message, details);
      }
      return outcome.result as ResultOf<typeof name>;
    },
    on(event, listener) {
      return transport.subscribe((name, payload) => {
        if (name === event) listener(payload as CoreEvents[typeof event]);
      });
    },
    onConnectionChange: (listener) => transport.onConnectionChange(listener),
    close: () => transport.close(),
  };
}
