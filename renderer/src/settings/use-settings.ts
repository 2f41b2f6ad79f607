import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { ResultOf } from '../api/client';
import { useApi } from '../api/context';
import { useConnectionState } from '../api/use-connection';

export type Settings = ResultOf<'settings.get'>;
export const SETTINGS_KEY = ['settings.get'];

/**
 * The shop's settings as the core has them. Asked again whenever the core comes back, because
 * saving the cloud or the robot's settings starts the core again and what it answers changes.
 */
export function useSettings() {
  const api = useApi();
  const connection = useConnectionState();
  const queryClient = useQueryClient();
  const query = useQuery({ queryKey: SETTINGS_KEY, queryFn: () => api.call('settings.get', {}), enabled: connection === 'open' });
  useEffect(() => {
    if (connection === 'open') void queryClient.invalidateQueries({ queryKey: SETTINGS_KEY });
  }, [connection, queryClient]);
  return query;
}

/**
 * After a save: the answer replaces what was shown. A save that starts the core again (a new
 * cloud, token or robot setting) makes every screen ask again, answered by the new core.
 */
export function useSettingsSaved(): (settings?: Settings, restarts?: boolean) => void {
  const queryClient = useQueryClient();
  return (settings, restarts = false) => {
    if (settings) queryClient.setQueryData(SETTINGS_KEY, settings);
    if (restarts) void queryClient.invalidateQueries();
    else {
      if (!settings) void queryClient.invalidateQueries({ queryKey: SETTINGS_KEY });
      void queryClient.invalidateQueries({ queryKey: ['secrets.status'] });
    }
  };
}
