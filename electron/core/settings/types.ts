import type { SecretState } from '../secrets/secrets-status';

/**
 * What the setup screens (the first-run flow and 設定) know of the shop's settings: what is set,
 * what is missing, what this shell cannot change. Never a secret's value.
 */

/** A message as data: a code the screens look up in their catalogs, and the values it names. */
export interface SettingsReason {
  code: string;
  params: Record<string, string | number>;
}

/**
 * Why the screen cannot change an item here: the shell was started with it (a flag such as
 * --cloud-url, an environment variable such as TANTO_CLOUD_TOKEN, a file such as
 * --cloud-token-file), or there is no secret store to keep it in (`noStore`). `name` is the
 * flag, variable or file option as the operator typed it, for the screen to quote.
 */
export interface SettingLock {
  by: 'flag' | 'env' | 'file' | 'noStore';
  name: string;
}

/** A token's state: stored and readable, not stored, or stored where this computer cannot read it. */
export interface SecretSlot {
  state: SecretState;
  /** Set when the shell was given the token itself (or has nowhere to keep one): the screen shows it, read-only. */
  lock: SettingLock | null;
}

export interface CartLoginSetting {
  /** The name cross-sell configs refer to it by (secrets.set cartLogin ref). */
  ref: string;
  cart: 'ecforce';
  /** Null when the login cannot be read on this computer (state undecryptable). */
  baseUrl: string | null;
  email: string | null;
  /** The cart's host, for naming an unreadable login (from its ref), null when the ref does not say. */
  site: string | null;
  state: SecretState;
}

/** What the first-run flow and the app need to see before staff can work: see setup-api.md. */
export type SetupItem = 'cloudUrl' | 'cloudToken' | 'lineToken' | 'cartLogin' | 'workstationName';

export interface SetupSettings {
  /** Which shell answers: the desktop app (safeStorage) or the headless shell (file vault). */
  shell: 'desktop' | 'headless';
  setup: {
    /** The app can be used: the cloud address and a readable cloud token are set, and the first-run flow was finished (or never needed). */
    complete: boolean;
    /** The first-run flow was started on this workstation and not yet finished with settings.finishSetup. */
    inProgress: boolean;
    /** Items without which the app cannot work (sync): the flow cannot be finished while any is missing. */
    required: SetupItem[];
    /** Items not set yet, required or not (the LINE token and a cart login can wait; the robot needs them). */
    missing: SetupItem[];
  };
  cloud: {
    /** The address in use (or saved, to apply at the restart); null until set. */
    baseUrl: string | null;
    baseUrlLock: SettingLock | null;
    token: SecretSlot;
  };
  line: { token: SecretSlot };
  /** Where secrets are kept: ok, refused (no real protection on this PC), unreadable (damaged store or wrong key), absent (no store). */
  secretStore: 'ok' | 'refused' | 'unreadable' | 'absent';
  cartLogins: CartLoginSetting[];
  /** Null when cart logins cannot be added here (no secret store). */
  cartLoginLock: SettingLock | null;
  workstation: { name: string; isDefault: boolean; maxLength: number };
  robot: {
    concurrency: number;
    /** What concurrency is when not set. */
    defaultConcurrency: number;
    minConcurrency: number;
    maxConcurrency: number;
    /** A Chromium-family browser chosen by the shop; null: the one found on the PC. */
    browserPath: string | null;
  };
  /** Saved settings that take effect only when the core restarts (the restart is under way or asked for). */
  restartPending: boolean;
}

export interface SettingsSaveResult {
  settings: SetupSettings;
  /**
   * `now`: everything saved is in effect; `restart`: the core restarts once this call has
   * answered (cloud address, concurrency, browser path), the page stays connected (headless) or
   * reconnects (desktop).
   */
  applies: 'now' | 'restart';
}

export type CloudTestOutcome = 'ok' | 'tokenMissing' | 'unreachable' | 'tokenRefused' | 'notTantoCloud' | 'cloudError';

export interface CloudTestResult {
  outcome: CloudTestOutcome;
  /** Null when ok; otherwise the staff sentence's code and values. */
  reason: SettingsReason | null;
}

/** The three rights the robot needs on the cart's admin (the cart's own names, shown as the cart shows them). */
export type CartRight = '受注管理' | '受注作成' | '定期受注管理';
export const CART_RIGHTS: readonly CartRight[] = ['受注管理', '受注作成', '定期受注管理'];

export type CartLoginTestOutcome = 'ok' | 'missingRights' | 'loginRefused' | 'unreachable' | 'siteError' | 'noBrowser' | 'notStored';

export interface CartLoginTestResult {
  outcome: CartLoginTestOutcome;
  /** Each right and whether the login has it; granted is null when the test did not get far enough to look. */
  rights: Array<{ right: CartRight; granted: boolean | null }>;
  /** The rights the login lacks, in the order above (empty unless missingRights). */
  missing: CartRight[];
  reason: SettingsReason | null;
}
