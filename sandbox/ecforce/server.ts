import type http from 'node:http';
import { listenLoopback } from '../shared/http';
import type { AccountInput } from './accounts';
import { handleAdmin } from './admin-app';
import { handleControl } from './control-routes';
import type { EcforceFaultSettings } from './faults';
import { inspect, type EcforceInspection } from './inspection';
import type { Account } from './model';
import { applySeed, type SeedInput, type SeedResult } from './seed-input';
import { createEcforceState, type EcforceSandboxOptions } from './state';
import type { EcforceStore } from './store';

export type { AnsweredRequest, EcforceSandboxOptions } from './state';
export type { EcforceFaultSettings } from './faults';
export type { EcforceInspection } from './inspection';
export type { AccountInput };

export interface EcforceSandbox {
  url: string;
  port: number;
  close(): Promise<void>;
  /** The live data behind the pages; tests may read it (inspect() gives copies). */
  store: EcforceStore;
  /** Members with their passwords, for tests and the demo to sign in with. */
  accounts: Account[];
  /** The member with every right the robot needs. */
  robotLogin: { email: string; password: string };
  inspect(): EcforceInspection;
  seed(input: SeedInput): SeedResult;
  setFaults(patch: Partial<EcforceFaultSettings>): EcforceFaultSettings;
  /** Signs every session out now, as an idle timeout would. */
  expireSessions(): number;
  setIdleTimeoutMinutes(minutes: number): void;
  advanceClock(seconds: number): void;
  now(): Date;
  /** Back to the seeded shop: data, sessions, faults, clock and recorded POSTs. */
  reset(): void;
}

/**
 * Starts an imitation of the ecforce admin site on 127.0.0.1: sign-in with CSRF, sessions that
 * time out, member roles, 受注作成 → 確認 → 確定, 受注管理 with the 受注備考欄, and 定期受注管理
 * with 停止, all as server-rendered Japanese HTML.
 *
 * Besides the admin it serves, for tests and the demo:
 *   GET  /_sandbox/inspect          orders (with memo), subscriptions, customers, every POST received
 *   POST /_sandbox/reset            back to the seeded shop
 *   POST /_sandbox/seed             {products, customers, subscriptions, orders}
 *   POST /_sandbox/faults           latency, error rate, outage, expireSessionEveryRequests, layout, failAfterCommit
 *   POST /_sandbox/clock            {advanceSeconds}
 *   POST /_sandbox/idle-timeout     {minutes}
 *   POST /_sandbox/expire-sessions  signs every session out
 */
export async function startEcforceSandbox(options: EcforceSandboxOptions = {}): Promise<EcforceSandbox> {
  const state = createEcforceState(options);
  const handler: http.RequestListener = (req, res) => {
    const observe = options.observe;
    if (observe) {
      const startedAt = performance.now();
      res.once('finish', () => observe({ method: req.method ?? 'GET', url: req.url ?? '/', status: res.statusCode, startedAt, ms: performance.now() - startedAt }));
    }
    const path = new URL(req.url ?? '/', 'http://sandbox.invalid').pathname;
    const work = path.startsWith('/_sandbox/') ? handleControl(state, req, res, path) : handleAdmin(state, req, res);
    work.catch((error: unknown) => {
      console.error('ecforce sandbox: unexpected failure', error instanceof Error ? error.message : error);
      if (!res.headersSent) {
        res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
        res.end('Internal Server Error');
      } else res.destroy();
    });
  };
  const running = await listenLoopback(handler, options.port ?? 0);
  const accounts = state.accounts.list();
  const robot = accounts.find((a) => a.permissions.length === 3) ?? accounts[0];
  if (!robot) throw new Error('the ecforce sandbox needs at least one member');
  return {
    url: running.url,
    port: running.port,
    close: running.close,
    store: state.store,
    accounts,
    robotLogin: { email: robot.email, password: robot.password },
    inspect: () => inspect(state),
    seed: (input) => applySeed(state.store, input, state.clock.now()),
    setFaults: (patch) => state.faults.set(patch),
    expireSessions: () => state.sessions.expireAll(),
    setIdleTimeoutMinutes(minutes) {
      state.idleTimeoutMs = minutes * 60_000;
    },
    advanceClock: (seconds) => state.clock.advance(seconds * 1_000),
    now: () => state.clock.now(),
    reset: () => state.reset(),
  };
}
