import { readShopConfig } from '../config';
import type { Db } from '../db/open';
import { readWorkstationName, WORKSTATION_NAME_MAX } from '../instance/workstation-name';
import { loadCartLogin } from '../secrets/cart-logins';
import { CLOUD_TOKEN_SECRET, LINE_TOKEN_SECRET } from '../secrets/secret-names';
import type { SecretStore } from '../secrets/secret-store';
import { secretsStatus, type SecretsStatus, type SecretState } from '../secrets/secrets-status';
import type { SettingsHost } from './host';
import { CONCURRENCY_MAX, CONCURRENCY_MIN, DEFAULT_CONCURRENCY } from './schemas';
import { setupInProgress } from './setup-progress';
import type { CartLoginSetting, SecretSlot, SetupItem, SetupSettings } from './types';

/** What the settings handlers are given: the shell's part, and the cloud the core runs with. */
export interface SettingsContext {
  host: SettingsHost;
  /** The cloud address and token this core runs with; null when it runs without a shop. */
  running: { baseUrl: string; token: string } | null;
  /** The core's log (the connection test's outcome, never a password). */
  log: (line: string) => void;
}

export interface SettingsSources {
  db: Db;
  settings: SettingsContext;
  secrets: SecretStore | undefined;
  expectedSecrets: readonly string[] | undefined;
}

/** Everything settings.get answers, read afresh from tanto.json, the secret store and the replica. */
export async function readSetupSettings(sources: SettingsSources): Promise<SetupSettings> {
  const { db, settings } = sources;
  const { host } = settings;
  const file = readShopConfig(host.dataDir);
  const status = await secretsStatus(sources.secrets, sources.expectedSecrets);
  const stateOf = (name: string): SecretState => status.secrets.find((s) => s.name === name)?.state ?? 'missing';
  const slot = (name: string, lock: SettingsHost['cloudTokenLock']): SecretSlot =>
    lock ? { state: 'present', lock } : { state: status.protection === 'ok' ? stateOf(name) : 'missing', lock: host.noStoreLock ?? null };

  const baseUrl = host.cloudUrlLock ? (settings.running?.baseUrl ?? null) : (file?.cloud?.baseUrl ?? null);
  const cloudToken = slot(CLOUD_TOKEN_SECRET, host.cloudTokenLock);
  const lineToken = slot(LINE_TOKEN_SECRET, host.lineTokenLock);
  const cartLogins = await cartLoginSettings(sources.secrets, status);
  const workstation = readWorkstationName(db);

  const required: SetupItem[] = [];
  if (baseUrl === null) required.push('cloudUrl');
  if (cloudToken.state !== 'present') required.push('cloudToken');
  const missing: SetupItem[] = [...required];
  if (lineToken.state !== 'present') missing.push('lineToken');
  if (!cartLogins.some((login) => login.state === 'present')) missing.push('cartLogin');
  if (workstation.isDefault) missing.push('workstationName');
  const inProgress = setupInProgress(db);

  return {
    shell: host.shell,
    setup: { complete: required.length === 0 && !inProgress, inProgress, required, missing },
    cloud: { baseUrl, baseUrlLock: host.cloudUrlLock ?? null, token: cloudToken },
    line: { token: lineToken },
    secretStore: status.protection,
    cartLogins,
    cartLoginLock: host.noStoreLock ?? null,
    workstation: { name: workstation.name, isDefault: workstation.isDefault, maxLength: WORKSTATION_NAME_MAX },
    robot: {
      concurrency: file?.robot?.concurrency ?? DEFAULT_CONCURRENCY,
      defaultConcurrency: DEFAULT_CONCURRENCY,
      minConcurrency: CONCURRENCY_MIN,
      maxConcurrency: CONCURRENCY_MAX,
      browserPath: file?.robot?.browserPath ?? null,
    },
    restartPending: host.restartPending?.() ?? false,
  };
}

/** Each stored cart login with what may be shown of it; one that cannot be read here is named by its site. */
async function cartLoginSettings(store: SecretStore | undefined, status: SecretsStatus): Promise<CartLoginSetting[]> {
  const logins: CartLoginSetting[] = [];
  for (const entry of status.secrets) {
    if (entry.label.kind !== 'cartLogin' || entry.state === 'missing') continue;
    const { ref, site } = entry.label;
    const unreadable: CartLoginSetting = { ref, cart: 'ecforce', baseUrl: null, email: null, site, state: 'undecryptable' };
    if (entry.state === 'undecryptable' || !store) {
      logins.push(unreadable);
      continue;
    }
    try {
      const login = await loadCartLogin(store, ref);
      logins.push(login ? { ref, cart: login.cart, baseUrl: login.baseUrl, email: login.email, site: new URL(login.baseUrl).host, state: 'present' } : unreadable);
    } catch {
      // A stored login that no longer parses is as good as unreadable: staff enter it again.
      logins.push(unreadable);
    }
  }
  return logins;
}
