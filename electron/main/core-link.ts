import { parseEnvelope, type CallEnvelope } from '../headless/envelope';
import { parseFromCore, type CoreFailureReason, type ToCore } from '../core-process/protocol';
import type { ReplicaRecovery } from '../core/db/replica-refusal';
import { answerWhileDamaged } from './replica-choice';

export type CoreState = 'connecting' | 'open' | 'closed';

export interface CoreLink {
  /** A core process was started; calls go to it through `post` from now on. */
  attach(post: (message: ToCore) => void): void;
  /** A message from the core process. */
  receive(message: unknown): void;
  /** The core process ended; waiting calls are answered `unavailable` with the reason. */
  detach(reason: string): void;
  /** Sends one envelope (JSON text) to the core; resolves with the reply's JSON text, never rejects. */
  call(text: string): Promise<string>;
  /** Asks the core to close the replica and stop; it answers `stopped`. */
  stop(): void;
  state(): CoreState;
  /** Why the core could not start, when it said so; restarting will not help. */
  failure(): string | null;
  onState(listener: (state: CoreState) => void): () => void;
  onEvent(listener: (text: string) => void): () => void;
  onStopped(listener: () => void): () => void;
  /** Staff chose what to do with the damaged replica the core refused (replica.recover). */
  onReplicaChoice(listener: (choice: ReplicaRecovery) => void): () => void;
}

interface Pending {
  id: CallEnvelope['id'];
  resolve(text: string): void;
}

/**
 * The main process's side of the core process: it numbers the calls it forwards so each reply
 * finds its IPC request, and it answers for the core when there is none. The envelope is read
 * here only to refuse a malformed one early and to know the id an `unavailable` reply must
 * carry; the core reads it again.
 */
export function createCoreLink(): CoreLink {
  let post: ((message: ToCore) => void) | null = null;
  let state: CoreState = 'closed';
  let failure: string | null = null;
  let failureReason: CoreFailureReason | null = null;
  let lastExit = 'The Tanto core is not running.';
  let nextSeq = 0;
  const pending = new Map<number, Pending>();
  const stateListeners = new Set<(state: CoreState) => void>();
  const eventListeners = new Set<(text: string) => void>();
  const stoppedListeners = new Set<() => void>();
  const choiceListeners = new Set<(choice: ReplicaRecovery) => void>();

  function setState(next: CoreState): void {
    if (next === state) return;
    state = next;
    for (const listener of stateListeners) listener(next);
  }

  function failAll(message: string): void {
    for (const call of pending.values()) call.resolve(unavailable(call.id, message));
    pending.clear();
  }

  return {
    attach(next) {
      post = next;
      failure = null;
      failureReason = null;
      setState('connecting');
    },
    receive(raw) {
      const message = parseFromCore(raw);
      if (!message) return;
      switch (message.kind) {
        case 'ready':
          setState('open');
          break;
        case 'reply': {
          const call = pending.get(message.seq);
          pending.delete(message.seq);
          call?.resolve(message.text);
          break;
        }
        case 'event':
          for (const listener of eventListeners) listener(message.text);
          break;
        case 'failed':
          failure = message.message;
          failureReason = message.reason ?? null;
          post = null;
          failAll(message.message);
          setState('closed');
          break;
        case 'stopped':
          post = null;
          failAll('The Tanto core has stopped.');
          setState('closed');
          for (const listener of stoppedListeners) listener();
          break;
      }
    },
    detach(reason) {
      post = null;
      lastExit = reason;
      failAll(reason);
      setState('closed');
    },
    call(text) {
      const parsed = parseEnvelope(text);
      if (!parsed.ok) return Promise.resolve(JSON.stringify(parsed.reply));
      const { id } = parsed.envelope;
      if (!post && failureReason?.kind === 'replica_damaged') {
        const answer = answerWhileDamaged(parsed.envelope.name, parsed.envelope.args, failureReason.refusal, (choice) => {
          for (const listener of choiceListeners) listener(choice);
        });
        if (answer) return Promise.resolve(JSON.stringify({ id, ...answer }));
      }
      if (!post) return Promise.resolve(unavailable(id, failure ?? lastExit));
      const seq = nextSeq++;
      const send = post;
      return new Promise<string>((resolve) => {
        pending.set(seq, { id, resolve });
        try {
          send({ kind: 'call', seq, text });
        } catch (error) {
          pending.delete(seq);
          resolve(unavailable(id, `The Tanto core cannot be reached (${(error as Error).message}).`));
        }
      });
    },
    stop() {
      post?.({ kind: 'stop' });
    },
    state: () => state,
    failure: () => failure,
    onState(listener) {
      stateListeners.add(listener);
      return () => stateListeners.delete(listener);
    },
    onEvent(listener) {
      eventListeners.add(listener);
      return () => eventListeners.delete(listener);
    },
    onStopped(listener) {
      stoppedListeners.add(listener);
      return () => stoppedListeners.delete(listener);
    },
    onReplicaChoice(listener) {
      choiceListeners.add(listener);
      return () => choiceListeners.delete(listener);
    },
  };
}

function unavailable(id: CallEnvelope['id'], message: string): string {
  return JSON.stringify({ id, error: { kind: 'unavailable', message } });
}
