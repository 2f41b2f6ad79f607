import { useEffect, useState, type ReactNode } from 'react';
import type { ReplicaRefusal } from '../../../electron/core/api/types';
import { useApi } from '../api/context';
import { useConnectionState } from '../api/use-connection';
import { ReplicaScreen } from './ReplicaScreen';

/**
 * Shows the damaged-replica screen instead of the app while the core refuses this PC's data.
 * The question is asked again at every change of the core's state: a refusing core reports
 * itself closed, and one started again on staff's choice comes back open.
 */
export function ReplicaGate({ children }: { children: ReactNode }) {
  const api = useApi();
  const state = useConnectionState();
  const [refused, setRefused] = useState<{ refusal: ReplicaRefusal; serial: number } | null>(null);
  useEffect(() => {
    let live = true;
    api.call('replica.status', {}).then(
      ({ damaged }) =>
        live &&
        setRefused((before) => {
          if (!damaged) return null;
          // A refusal heard anew once the core closed again (a choice that did not work) starts the screen
          // over; the same refusal heard again while it is shown leaves it, and what staff are doing, alone.
          const anew = !before || state === 'closed';
          return { refusal: damaged, serial: (before?.serial ?? 0) + (anew ? 1 : 0) };
        }),
      // No answer yet (the core is starting): the next state change asks again.
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [api, state]);
  return refused ? <ReplicaScreen key={refused.serial} refusal={refused.refusal} /> : children;
}
