import { v4 as uuidv4 } from 'uuid';
import { ApiError } from '../api/errors';
import { retryTransient, type RetryOptions } from '../sync/backoff';
import { CloudError, type CloudClient } from '../sync/cloud-client';
import { mutationPayloads, type MutationKind, type MutationPayload } from '../sync/mutation-schemas';
import type { SyncService } from '../sync/types';

/**
 * Settings are the cloud's data: an edit is sent straight to the cloud (not queued in the
 * outbox), and the workstation learns the result the way it learns everything else, from the
 * change feed. So an edit either reaches the cloud while staff wait, or is refused in front of them.
 */
export interface CloudEditPorts {
  cloud: CloudClient | undefined;
  sync: SyncService;
  /** Staff are waiting: a few quick retries, then the answer. */
  retry?: RetryOptions;
}

const interactiveRetry: RetryOptions = { retries: 2, minDelayMs: 250, maxDelayMs: 2000 };

/** Checked before anything else is touched (the vault among them), so a workstation without a cloud changes nothing. */
export function requireCloud(ports: CloudEditPorts, what: string): CloudClient {
  if (ports.cloud) return ports.cloud;
  throw new ApiError('unavailable', `クラウドの接続先が設定されていないため、${what}できません。`);
}

/** Sends one operation and returns the id of the entity it created or changed. */
export async function sendCloudEdit<K extends MutationKind>(
  ports: CloudEditPorts,
  kind: K,
  payload: MutationPayload<K>,
  what: string,
): Promise<number | undefined> {
  const cloud = requireCloud(ports, what);
  const checked = mutationPayloads[kind].safeParse(payload);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    throw new ApiError('invalid_argument', `この内容では${what}できません（${issue ? `${issue.path.join('.')}: ${issue.message}` : '形式が正しくありません'}）。`);
  }
  // One opId for every attempt: when an answer is lost the retry is answered 'duplicate', never applied twice.
  const operation = { opId: uuidv4(), kind, payload: checked.data };
  let results;
  try {
    results = await retryTransient(() => cloud.postMutations([operation]), ports.retry ?? interactiveRetry);
  } catch (error) {
    const cause = error instanceof CloudError ? error.message : String(error);
    throw new ApiError('unavailable', `クラウドに接続できないため、${what}できませんでした。何も保存されていません。接続を確認してもう一度お試しください。（${cause}）`);
  }
  const result = results.find((r) => r.opId === operation.opId);
  if (!result) throw new ApiError('unavailable', `クラウドの応答に結果がなかったため、${what}できたか分かりません。一覧を更新して確かめてください。`);
  if (result.status === 'rejected') {
    throw new ApiError('conflict', `クラウドが受け付けなかったため、${what}できませんでした。何も保存されていません。（${result.reason ?? '理由不明'}）`);
  }
  return result.entityId;
}

/**
 * Pulls until the replica shows the edit. A sync already running when the edit was sent may
 * have pulled before it, so one more cycle is allowed before giving up.
 */
export async function syncUntil<T>(ports: CloudEditPorts, what: string, seen: (lastTry: boolean) => T | undefined): Promise<T> {
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      await ports.sync.now();
    } catch (error) {
      throw notYetHere(what, (error as Error).message);
    }
    const value = seen(attempt === 1);
    if (value !== undefined) return value;
  }
  throw notYetHere(what);
}

function notYetHere(what: string, cause?: string): ApiError {
  return new ApiError(
    'unavailable',
    `${what}はクラウドに保存されましたが、この端末にはまだ反映されていません。次の同期で反映されます。${cause ? `（${cause}）` : ''}`,
  );
}
