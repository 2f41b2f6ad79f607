import { z } from 'zod';
import type { Db } from '../db/open';
import type { Clock } from '../clock';
import type { EventBus } from '../events';
import type { NightScheduler } from '../night/night-scheduler';
import type { Power } from '../night/power';
import type { Robot } from '../robot/runner';
import type { RobotUnavailable } from '../robot/unavailable';
import type { SecretStore } from '../secrets/secret-store';
import type { SettingsContext } from '../settings/read-settings';
import type { CloudClient } from '../sync/cloud-client';
import type { SyncService } from '../sync/types';
import { ApiError, toErrorPayload, type ApiErrorPayload } from './errors';

/** What every handler may use. Handlers take what they need from it and nothing is global. */
export interface HandlerContext {
  db: Db;
  clock: Clock;
  events: EventBus;
  sync: SyncService;
  /** For edits that only the cloud may make (settings); absent where no cloud is configured. */
  cloud?: CloudClient;
  /** Absent when the shell has no vault (no key configured); handlers that need it say so. */
  secrets?: SecretStore;
  /** Names the shell itself reads from `secrets` (the desktop's cloud token), reported missing when absent. */
  expectedSecrets?: string[];
  /** The cross-sell robot; null where the shell runs none (no browser or LINE configured). */
  robot?: Robot | null;
  /** Why there is no robot (no vault key, no LINE token...), said to whoever asks for it. */
  robotUnavailable?: string | RobotUnavailable;
  /** The only folder robot.artifact reads from; absent where the core has no data folder of its own. */
  artifactsDir?: string;
  /** Night mode: looked at again when its window is changed. */
  night?: Pick<NightScheduler, 'check'>;
  /** Sleep and wake, as the desktop shell reports them. */
  power?: Power;
  /** The tag rule evaluation in batches under way, if any; absent where no rule runner runs. */
  tagRuleProgress?: () => { done: number; total: number; running: boolean } | null;
  /** The setup screens' view of the shell (what it was started with, how settings apply); absent in cores opened by tools. */
  settings?: SettingsContext;
}

export interface HandlerDef<S extends z.ZodType, R> {
  args: S;
  run(ctx: HandlerContext, args: z.output<S>): R | Promise<R>;
}

/** Declares a handler; the schema is the single source of its argument type. */
export function handler<S extends z.ZodType, R>(args: S, run: HandlerDef<S, R>['run']): HandlerDef<S, R> {
  return { args, run };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyHandlerDef = HandlerDef<z.ZodType, any>;

/** Maps a table of handler definitions to `{ name: { args, result } }` for typed callers. */
export type HandlersOf<T extends Record<string, AnyHandlerDef>> = {
  [K in keyof T]: T[K] extends HandlerDef<infer S, infer R> ? { args: z.input<S>; result: Awaited<R> } : never;
};

export type CallOutcome = { result: unknown } | { error: ApiErrorPayload };

export interface Api {
  names(): string[];
  /** Validates, runs and wraps the outcome; never throws, so transports stay trivial. */
  call(name: string, args: unknown): Promise<CallOutcome>;
}

export function createApi(
  table: Record<string, AnyHandlerDef>,
  ctx: HandlerContext,
  log: (message: string, error: unknown) => void = defaultLog,
): Api {
  return {
    names: () => Object.keys(table).sort(),
    async call(name, args) {
      const def = Object.hasOwn(table, name) ? table[name] : undefined;
      if (!def) return { error: { kind: 'not_found', message: `Unknown API method: ${name}` } };
      const parsed = def.args.safeParse(args ?? {});
      if (!parsed.success) {
        return {
          error: {
            kind: 'invalid_argument',
            message: `Invalid arguments for ${name}: ${z.prettifyError(parsed.error)}`,
            // A custom rule's params (a code and the values it names) let a screen word the issue in its own language.
            details: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message, ...(i.code === 'custom' && i.params ? { params: i.params } : {}) })),
          },
        };
      }
      try {
        return { result: await def.run(ctx, parsed.data) };
      } catch (error) {
        if (!(error instanceof ApiError)) log(`API ${name} failed`, error);
        return { error: toErrorPayload(error) };
      }
    },
  };
}

function defaultLog(message: string, error: unknown): void {
  console.error(message, error);
}
