import { z } from 'zod';
import { replicaRefusalSchema } from '../core/db/replica-refusal';

/**
 * Messages between the Electron main process and the core process. A call carries the
 * renderer's envelope text unchanged and its reply comes back as text, exactly the frames the
 * headless shell's WebSocket carries; `seq` only lets the main process hand each reply to the
 * IPC request that waits for it, whichever window sent it.
 */
/**
 * The core's SecretStore port served by the main process, where safeStorage lives: the core asks
 * (`secret`), the main process answers (`secret-reply`) with the result or the store's error.
 * Values cross only this channel between the two processes, never an environment or argument.
 */
const secretRequest = z.discriminatedUnion('op', [
  z.object({ op: z.literal('get'), name: z.string() }),
  z.object({ op: z.literal('set'), name: z.string(), value: z.string() }),
  z.object({ op: z.literal('delete'), name: z.string() }),
  z.object({ op: z.literal('names') }),
  z.object({ op: z.literal('inventory') }),
]);

const secretResult = z.union([
  z.string(),
  z.null(),
  z.boolean(),
  z.array(z.string()),
  z.object({ readable: z.array(z.string()), undecryptable: z.array(z.string()) }),
]);

const secretError = z.object({
  /** A VaultErrorKind, or `internal` for anything else the store threw. */
  kind: z.string(),
  message: z.string(),
  secrets: z.array(z.string()),
});

const toCore = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('call'), seq: z.number().int().nonnegative(), text: z.string() }),
  z.object({ kind: z.literal('stop') }),
  z.object({ kind: z.literal('secret-reply'), seq: z.number().int().nonnegative(), result: secretResult.optional(), error: secretError.optional() }),
]);

const failureReason = z.object({ kind: z.literal('replica_damaged'), refusal: replicaRefusalSchema });

export type CoreFailureReason = z.output<typeof failureReason>;

/** The argument the main process starts the core process with to carry staff's choice for a damaged replica (core-process/main.ts). */
export const REPLICA_RECOVERY_ARG = '--replica-recovery';

const fromCore = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('ready') }),
  z.object({ kind: z.literal('reply'), seq: z.number().int().nonnegative(), text: z.string() }),
  z.object({ kind: z.literal('event'), text: z.string() }),
  /**
   * The core could not start (no shop configured, replica unreadable); restarting will not help.
   * `reason` is set when staff can answer it: a damaged replica, restored or started fresh on their word.
   */
  z.object({ kind: z.literal('failed'), message: z.string(), reason: failureReason.optional() }),
  z.object({ kind: z.literal('stopped') }),
  z.object({ kind: z.literal('secret'), seq: z.number().int().nonnegative(), request: secretRequest }),
  /** A secret the core started with has changed (the cloud token entered again): stop it and start it anew. */
  z.object({ kind: z.literal('restart') }),
]);

export type SecretRequest = z.output<typeof secretRequest>;
export type SecretResult = z.output<typeof secretResult>;
export type SecretReplyError = z.output<typeof secretError>;

export type ToCore = z.output<typeof toCore>;
export type FromCore = z.output<typeof fromCore>;

export function parseToCore(value: unknown): ToCore | null {
  const parsed = toCore.safeParse(value);
  return parsed.success ? parsed.data : null;
}

export function parseFromCore(value: unknown): FromCore | null {
  const parsed = fromCore.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/** Largest envelope accepted from a renderer: the headless shell's limit for a call. */
export const MAX_CALL_BYTES = 1024 * 1024;
