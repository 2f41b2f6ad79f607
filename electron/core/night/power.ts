import type { Robot } from '../robot/runner';
import type { NightScheduler } from './night-scheduler';

export interface PowerState {
  suspended: boolean;
  robotRunning: boolean;
}

/** What the desktop shell tells the core when the PC sleeps and wakes (electron/main: powerMonitor). */
export interface Power {
  suspend(): Promise<PowerState>;
  resume(): Promise<PowerState>;
  state(): PowerState;
}

export interface PowerOptions {
  robot: Pick<Robot, 'suspend' | 'resume' | 'suspended' | 'status'> | null;
  sync: { now(): Promise<unknown> };
  night: Pick<NightScheduler, 'check'>;
  log: (line: string) => void;
}

/**
 * Sleep and wake. Going to sleep, the robot stops touching the cart and gives its leases back at
 * once: the cloud must not wait out a lease on a PC that may sleep for hours. Waking, the replica
 * catches up with the cloud first, then the night window is looked at again (a night that ended
 * during sleep is ended, one that began is begun), and the robot runs again if it should.
 */
export function createPower(options: PowerOptions): Power {
  const state = (): PowerState => ({ suspended: options.robot?.suspended() ?? false, robotRunning: options.robot?.status().running ?? false });
  return {
    async suspend() {
      await options.robot?.suspend();
      return state();
    },
    async resume() {
      try {
        await options.sync.now();
      } catch (error) {
        options.log(`power: 復帰後の同期に失敗しました（次回再試行）: ${(error as Error).message}`);
      }
      await options.night.check();
      await options.robot?.resume();
      return state();
    },
    state,
  };
}
