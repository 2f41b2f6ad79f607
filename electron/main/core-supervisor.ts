import { parseFromCore, REPLICA_RECOVERY_ARG, type ToCore } from '../core-process/protocol';
import type { ReplicaRecovery } from '../core/db/replica-refusal';
import type { SecretInventory, SecretStore } from '../core/secrets/secret-store';
import type { CoreLink } from './core-link';
import { answerSecretRequest } from './secret-requests';

/**
 * The part of Electron's UtilityProcess the supervisor uses. main.ts passes
 * `utilityProcess.fork`; tests pass Node's child_process.fork of the same entry.
 */
export interface CoreChild {
  postMessage(message: ToCore): void;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  once(event: 'exit', listener: (code: number | null) => void): unknown;
  kill(): boolean;
}

export interface CoreSupervisorOptions {
  /** Starts the core-process entry with these arguments. */
  fork(args: string[]): CoreChild;
  dataDir: string;
  /** Further arguments for the core, e.g. where the packaged app's own Chromium is. */
  coreArgs?: string[];
  link: CoreLink;
  /** The desktop's secrets, served to the core over its port (the cloud token among them). */
  secrets: SecretStore & { inventory(): Promise<SecretInventory> };
  log: (line: string) => void;
  /** First restart delay after a crash; doubles up to 30 s and starts over once the core is up. */
  restartDelayMs?: number;
}

export interface CoreSupervisor {
  /** Asks the core to close the replica, and ends its process if it has not after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

const MAX_RESTART_DELAY_MS = 30_000;

/**
 * Runs the core in its own process, off the main thread, and restarts it with backoff when it
 * crashes. A core that reports `failed` (no shop configured) is not restarted: the windows show
 * its message until the app is restarted. One that refused a damaged replica is started again
 * once staff chose what to do with it, with that choice.
 */
export function superviseCore(options: CoreSupervisorOptions): CoreSupervisor {
  const { link, log } = options;
  const firstDelay = options.restartDelayMs ?? 1_000;
  let child: CoreChild | null = null;
  let stopping = false;
  let delay = firstDelay;
  let restartTimer: ReturnType<typeof setTimeout> | undefined;
  // Staff's answer to a damaged replica, waiting for the refusing core's process to end.
  let chosen: ReplicaRecovery | null = null;

  link.onState((state) => {
    if (state === 'open') delay = firstDelay;
    if (state === 'closed' && link.failure() !== null) {
      log(`core: ${link.failure() ?? ''}`);
      child?.kill();
    }
  });

  link.onReplicaChoice((choice) => {
    if (stopping) return;
    if (child) chosen = choice;
    else spawn(choice);
  });

  function spawn(choice?: ReplicaRecovery): void {
    const proc = options.fork(['--data', options.dataDir, ...(options.coreArgs ?? []), ...(choice ? [REPLICA_RECOVERY_ARG, choice] : [])]);
    child = proc;
    link.attach((message) => proc.postMessage(message));
    proc.on('message', (raw) => {
      const message = parseFromCore(raw);
      if (message?.kind === 'secret') {
        void answerSecretRequest(options.secrets, message.seq, message.request, log).then((reply) => child === proc && proc.postMessage(reply));
      } else if (message?.kind === 'restart') {
        restart(proc);
      } else link.receive(raw);
    });
    proc.once('exit', (code) => {
      if (child !== proc) return;
      child = null;
      const failed = link.failure() !== null;
      link.detach(`The Tanto core ended (exit code ${code ?? 'none'}).`);
      if (stopping) return;
      if (failed && chosen) {
        const choice = chosen;
        chosen = null;
        spawn(choice);
        return;
      }
      if (failed) return;
      log(`core: ended with exit code ${code ?? 'none'}; restarting in ${delay} ms`);
      restartTimer = setTimeout(spawn, delay);
      delay = Math.min(delay * 2, MAX_RESTART_DELAY_MS);
    });
  }

  /** The replica is closed by the core itself, then the exit below starts a new one. */
  function restart(proc: CoreChild): void {
    log('core: restarting with the changed secrets');
    const off = link.onStopped(() => {
      off();
      proc.kill();
    });
    link.stop();
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
