import type { Clock } from '../../electron/core/clock';
import { createAccountBook, DEFAULT_ACCOUNTS, type AccountBook, type AccountInput } from './accounts';
import { createSandboxClock, type SandboxClock } from '../shared/clock';
import { createEcforceFaults, type EcforceFaults } from './faults';
import { createPostRecorder, type PostRecorder } from './recorder';
import { seedStore } from './seed';
import { createSessions, type Sessions } from './sessions';
import { createEcforceStore, type EcforceStore } from './store';

export interface EcforceSandboxOptions {
  /** 0 (the default) lets the system pick a free port. */
  port?: number;
  /** Members who can sign in; the defaults cover every permission case. */
  accounts?: readonly AccountInput[];
  /** A signed-in session unused this long is signed out. ecforce-like default: 30 minutes. */
  idleTimeoutMinutes?: number;
  /** Base clock; the sandbox adds its own forward offset to it. */
  clock?: Clock;
  /** Random source for injected faults, so a test can make them exact. */
  random?: () => number;
  /** false starts with an empty shop (no products, customers, orders). */
  seed?: boolean;
  /** Generated customers beyond the named ones. */
  extraCustomers?: number;
  /** Told of every answer once sent, with how long the site took; benchmarks weigh the site's share with it. */
  observe?: (answered: AnsweredRequest) => void;
}

export interface AnsweredRequest {
  method: string;
  /** Path and query as requested. */
  url: string;
  status: number;
  /** performance.now() when the request arrived. */
  startedAt: number;
  /** From arrival until the last byte of the answer was handed to the connection. */
  ms: number;
}

export interface EcforceState {
  store: EcforceStore;
  accounts: AccountBook;
  sessions: Sessions;
  faults: EcforceFaults;
  clock: SandboxClock;
  posts: PostRecorder;
  idleTimeoutMs: number;
  reset(): void;
}

export const DEFAULT_IDLE_TIMEOUT_MINUTES = 30;

export function createEcforceState(options: EcforceSandboxOptions = {}): EcforceState {
  const clock = createSandboxClock(options.clock);
  const store = createEcforceStore();
  const fill = () => {
    if (options.seed !== false) {
      seedStore(store, { now: clock.now(), ...(options.extraCustomers === undefined ? {} : { extraCustomers: options.extraCustomers }) });
    }
  };
  fill();
  const idleTimeoutMs = (options.idleTimeoutMinutes ?? DEFAULT_IDLE_TIMEOUT_MINUTES) * 60_000;
  const state: EcforceState = {
    store,
    accounts: createAccountBook(options.accounts ?? DEFAULT_ACCOUNTS),
    sessions: createSessions(clock, () => state.idleTimeoutMs),
    faults: createEcforceFaults(options.random),
    clock,
    posts: createPostRecorder(),
    idleTimeoutMs,
    reset() {
      state.idleTimeoutMs = idleTimeoutMs;
      clock.reset();
      store.clear();
      fill();
      state.sessions.clear();
      state.faults.reset();
      state.posts.reset();
    },
  };
  return state;
}
