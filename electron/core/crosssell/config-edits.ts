import { z } from 'zod';
import { ApiError } from '../api/errors';
import { countOpenRequestsOfConfig, getCrosssellConfig, listCrosssellConfigs, type CrosssellConfig } from '../db/queries/crosssell';
import type { Db } from '../db/open';
import { CART_LOGIN_PREFIX, deriveCartLoginRef, loadCartLogin, saveCartLogin } from '../secrets/cart-logins';
import type { SecretStore } from '../secrets/secret-store';
import { VaultError } from '../secrets/vault-error';
import { GENERATE_KEY_COMMAND, VAULT_KEY_ENV, VAULT_KEY_FILE_ENV } from '../secrets/vault-key';
import type { MutationPayload } from '../sync/mutation-schemas';
import { requireCloud, sendCloudEdit, syncUntil, type CloudEditPorts } from './cloud-edit';
import { crosssellConfigInputFor, type CrosssellConfigInput } from './config-input';
import { configNamedLike, nameTakenIssue } from './config-name';

export interface ConfigEditPorts extends CloudEditPorts {
  db: Db;
  secrets: SecretStore | undefined;
}

type ConfigPayload = MutationPayload<'crosssellConfig.save'>;

/**
 * The store, with its failures (wrong key, damaged file) turned into answers staff can act on;
 * a vault's messages never hold a secret, so they are passed on as they are.
 */
export function requireSecrets(secrets: SecretStore | undefined): SecretStore {
  if (secrets) return explained(secrets);
  throw new ApiError(
    'unavailable',
    `秘密情報の保管庫の鍵が設定されていないため、カートのログイン情報を扱えません。${VAULT_KEY_ENV} か ${VAULT_KEY_FILE_ENV} を設定して ` +
      `Tanto を起動し直してください（鍵は \`${GENERATE_KEY_COMMAND}\` で作れます）。`,
  );
}

/**
 * Creates or replaces a config in the cloud and returns it as the replica then holds it. A new
 * cart login goes into the SecretStore first and only its ref travels; if the cloud then
 * refuses, the store is put back as it was, so a failed save leaves nothing behind.
 */
export async function saveCrosssellConfig(ports: ConfigEditPorts, raw: CrosssellConfigInput): Promise<CrosssellConfig> {
  requireCloud(ports, 'クロスセル設定を保存');
  const checked = crosssellConfigInputFor(ports.db).safeParse(raw);
  if (!checked.success) {
    throw new ApiError('invalid_argument', `クロスセル設定を保存できません:\n${z.prettifyError(checked.error)}`, issuesOf(checked.error));
  }
  const { cartLogin, id, ...input } = checked.data;
  const existing = id === undefined ? undefined : getCrosssellConfig(ports.db, id);
  if (id !== undefined && !existing) throw new ApiError('not_found', `クロスセル設定 ${id} は存在しません（削除された可能性があります）。`);

  let cartLoginRef = input.cartLoginRef ?? null;
  let undoLogin = async () => {};
  if (cartLogin) {
    const secrets = requireSecrets(ports.secrets);
    const login = { cart: input.cart, ...cartLogin };
    const name = CART_LOGIN_PREFIX + deriveCartLoginRef(login);
    const previous = await secrets.get(name);
    cartLoginRef = (await saveCartLogin(secrets, login)).ref;
    undoLogin = async () => {
      if (previous === null) await secrets.delete(name);
      else await secrets.set(name, previous);
    };
  } else if (cartLoginRef && cartLoginRef !== existing?.cartLoginRef && ports.secrets && !(await loadCartLogin(requireSecrets(ports.secrets), cartLoginRef))) {
    // An unchanged ref is not checked: the login may live in another workstation's store.
    throw new ApiError('invalid_argument', `カートのログイン情報「${cartLoginRef}」が見つかりません。選び直すか、新しく入力してください。`, [
      { path: 'cartLoginRef', message: 'ログイン情報が見つかりません' },
    ]);
  }

  const payload: ConfigPayload = { ...input, cartLoginRef, ...(id === undefined ? {} : { id }) };
  let savedId: number | undefined;
  try {
    savedId = await sendCloudEdit(ports, 'crosssellConfig.save', payload, 'クロスセル設定を保存');
  } catch (error) {
    // The refusal is what staff must see; a login left behind by a failed undo is unreferenced and harmless.
    await undoLogin().catch(() => undefined);
    throw (await nameTakenMeanwhile(ports, input.name, id, error)) ?? error;
  }
  const configId = savedId ?? id;
  if (configId === undefined) throw new ApiError('internal', 'クラウドが保存した設定の ID を返しませんでした。一覧を更新して確かめてください。');
  return syncUntil(ports, 'クロスセル設定', (lastTry) => {
    const config = getCrosssellConfig(ports.db, configId);
    return config && (lastTry || sameSettings(config, payload)) ? config : undefined;
  });
}

export async function deleteCrosssellConfig(ports: ConfigEditPorts, id: number): Promise<{ id: number; deleted: true }> {
  if (!getCrosssellConfig(ports.db, id)) throw new ApiError('not_found', `クロスセル設定 ${id} は存在しません（すでに削除されています）。`);
  const open = countOpenRequestsOfConfig(ports.db, id);
  if (open > 0) {
    throw new ApiError('conflict', `この設定を使う未完了の申請が ${open} 件あるため削除できません。申請を完了させてから削除してください。`);
  }
  await sendCloudEdit(ports, 'crosssellConfig.delete', { id }, 'クロスセル設定を削除');
  return syncUntil(ports, '設定の削除', () => (getCrosssellConfig(ports.db, id) ? undefined : { id, deleted: true as const }));
}

/**
 * Another workstation may have saved a config under the same name since this replica last
 * pulled; the cloud then refuses. Pulled again, the replica knows that config, and the refusal
 * becomes the same field message as a name taken before.
 */
async function nameTakenMeanwhile(ports: ConfigEditPorts, name: string, id: number | undefined, error: unknown): Promise<ApiError | undefined> {
  if (!(error instanceof ApiError) || error.kind !== 'conflict') return undefined;
  try {
    await ports.sync.now();
  } catch {
    return undefined;
  }
  const taken = configNamedLike(listCrosssellConfigs(ports.db), name, id);
  if (!taken) return undefined;
  const issue = nameTakenIssue(taken);
  return new ApiError('invalid_argument', `クロスセル設定を保存できません: ${issue.message}`, [issue]);
}

function sameSettings(config: CrosssellConfig, payload: ConfigPayload): boolean {
  const { id: _id, updatedAt: _updatedAt, ...held } = config;
  const { id: _sentId, ...sent } = payload;
  const keys = Object.keys(held).sort();
  return JSON.stringify(keys.map((k) => held[k as keyof typeof held])) === JSON.stringify(keys.map((k) => sent[k as keyof typeof sent] ?? null));
}

function explained(store: SecretStore): SecretStore {
  const guard =
    <A extends unknown[], R>(call: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      try {
        return await call(...args);
      } catch (error) {
        if (error instanceof VaultError) throw new ApiError('unavailable', error.message);
        throw error;
      }
    };
  return {
    get: guard((name) => store.get(name)),
    set: guard((name, value) => store.set(name, value)),
    delete: guard((name) => store.delete(name)),
    names: guard(() => store.names()),
  };
}

/** The replica's rules add `params` (a code and the values it names) for the screen to word the issue itself. */
function issuesOf(error: z.ZodError): Array<{ path: string; message: string; params?: Record<string, unknown> }> {
  return error.issues.map((i) => ({ path: i.path.join('.'), message: i.message, ...(i.code === 'custom' && i.params ? { params: i.params } : {}) }));
}
