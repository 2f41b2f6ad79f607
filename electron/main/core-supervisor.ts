import { utilityProcess, type UtilityProcess } from 'electron';
import type { CoreLink } from './core-link';

export interface CoreSupervisorOptions {
  /** The bundled electron/core-process entry. */
  entry: string;
  dataDir: string;
  link: CoreLink;
  log: (line: string) => void;
}

export interface CoreSupervisor {
  /** Asks the core to close the replica, and ends its process if it has not after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

const FIRST_RESTART_DELAY_MS = 1_000;
const MAX_RESTART_DELAY_MS = 30_000;

/**
 * Runs the core in an Electron utility process, off the main thread, and restarts it with
 * backoff when it crashes. A core that reports `failed` (no shop configured) is not restarted:
 * the windows show its message until the app is restarted.
 */
export function superviseCore(options: CoreSupervisorOptions): CoreSupervisor {
  const { link, log } = options;
  let child: UtilityProcess | null = null;
  let stopping = false;
  let delay = FIRST_RESTART_DELAY_MS;
  let restartTimer: ReturnType<typeof setTimeout> | undefined;

  link.onState((state) => {
    if (state === 'open') delay = FIRST_RESTART_DELAY_MS;
    if (state === 'closed' && link.failure() !== null) {
      log(`core: ${link.failure() ?? ''}`);
      child?.kill();
    }
  });

  function spawn(): void {
    const proc = utilityProcess.fork(options.entry, ['--data', options.dataDir], { serviceName: 'Tanto core', stdio: 'inherit' });
    child = proc;
    link.attach((message) => proc.postMessage(message));
    proc.on('message', (message: unknown) => link.receive(message));
    proc.on('exit', (code) => {
      if (child !== proc) return;
      child = null;
      const failed = link.failure() !== null;
      link.detach(`The Tanto core ended (exit code ${code}).`);
      if (stopping || failed) return;
      log(`core: ended with exit code ${code}; restarting in ${delay} ms`);
      restartTimer = setTimeout(spawn, delay);
      delay = Math.min(delay * 2, MAX_RESTART_DELAY_MS);
    });
  }

  spawn();

  return {
    stop(graceMs = 10_000) {
      stopping = true;
      clearTimeout(restartTimer);
      const proc = child;
      if (!proc) return Promise.resolve();
      return new Promise<void>((resolve) => {
        const timer = setTimeout(() => proc.kill(), graceMs);
        const offStopped = link.onStopped(() => proc.kill());
        proc.once('exit', () => {
          clearTimeout(timer);
          offStopped();
          resolve();
        });
        link.stop();
      });
    },
  };
}
