import { z } from 'zod';
import { replicaRefusalSchema } from '../core/db/replica-refusal';

/**
 * Messages between the Electron main process and the core process. A call carries the
 * renderer's envelope text unchanged and its reply comes back as text, exactly the frames the
 * headless shell's WebSocket carries; `seq` only lets the main process hand each reply to the
 * IPC request that waits for it, whichever window sent it.
 */
const toCore = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('call'), seq: z.number().int().nonnegative(), text: z.string() }),
  z.object({ kind: z.literal('stop') }),
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
]);

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
