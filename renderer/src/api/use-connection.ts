import { useEffect, useState } from 'react';
import { useApi } from './context';
import type { ConnectionState } from './transport';

export function useConnectionState(): ConnectionState {
  const api = useApi();
  const [state, setState] = useState<ConnectionState>('closed');
  useEffect(() => api.onConnectionChange(setState), [api]);
  return state;
}
