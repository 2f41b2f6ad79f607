import { createContext, useContext, useEffect, useRef } from 'react';
import type { CoreEventName, CoreEvents } from '../../../electron/core/api/types';
import type { ApiClient } from './client';

const ApiContext = createContext<ApiClient | null>(null);

export const ApiProvider = ApiContext.Provider;

export function useApi(): ApiClient {
  const client = useContext(ApiContext);
  if (!client) throw new Error('useApi must be used inside <ApiProvider>.');
  return client;
}

/** Subscribes for the component's lifetime; the latest listener is always the one called. */
export function useCoreEvent<E extends CoreEventName>(event: E, listener: (payload: CoreEvents[E]) => void): void {
  const api = useApi();
  const latest = useRef(listener);
  useEffect(() => {
    latest.current = listener;
  });
  useEffect(() => api.on(event, (payload) => latest.current(payload)), [api, event]);
}
