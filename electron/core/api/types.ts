/**
 * The API as the renderer sees it: types only. This is the one file under electron/ that
 * renderer code may import from, and only with `import type`.
 */
export type { Handlers } from './handlers';
export type { ApiErrorKind, ApiErrorPayload } from './errors';
export type { CoreEvents, CoreEventName } from '../events';
export type { SyncStatus, SyncResult } from '../sync/types';
export type { CrosssellConfig, MemoWrite } from '../db/queries/crosssell';
export type { CartLoginSummary } from '../secrets/cart-logins';
export type { MemoField } from '../crosssell/config-input';
export type { TemplatePlaceholder } from '../crosssell/template';
export type { RobotStatus, WorkerStatus } from '../robot/runner';
export type { RobotCounts } from '../robot/usage';
export type { LocSummary, LocDetail, LocTransition } from '../db/queries/loc';
export type { LocEvent } from '../loc/state-machine';
export type { LocCsvFile } from './handlers/loc';
export type { LocCompleteResult, LocReopenResult } from './handlers/loc-staff';
export type { MemberTagChange } from './handlers/members-tags';
export type { CsvEncoding } from '../loc/loc-csv';
export type { ShopSettings } from './handlers/shop';
export type { ShopTimeZone } from '../shop/time-zone';
export type { SecretsStatus, SecretState } from '../secrets/secrets-status';
export type { SecretLabel } from '../secrets/secret-names';
export type { MorningReport, NeedsManualItem } from '../morning/morning-report';
export type { NightWindow } from '../night/night-window';
export type { NightSettings } from './handlers/night';
export type { PowerState } from '../night/power';
export type { ReplicaRecovery, ReplicaRefusal } from '../db/replica-refusal';
export type { ReplicaStatus, ReplicaRecoverResult } from './handlers/replica';
export type {
  SetupSettings,
  SetupItem,
  SettingLock,
  SecretSlot,
  CartLoginSetting,
  SettingsReason,
  SettingsSaveResult,
  CloudTestResult,
  CloudTestOutcome,
  CartRight,
  CartLoginTestResult,
  CartLoginTestOutcome,
} from '../settings/types';

/**
 * What the Electron shell's preload exposes to the renderer as `window.tanto`. It carries the
 * same JSON text as the headless shell's WebSocket: `{id, name, args}` in, `{id, result}` or
 * `{id, error}` back, and events as `{event, payload}`. Text rather than objects keeps results
 * identical in both shells (a Date arrives as its JSON string either way).
 */
export interface TantoBridge {
  /** Resolves with the reply's JSON text; rejects only when the IPC channel itself fails. */
  call(envelope: string): Promise<string>;
  /** Every core event as JSON text; returns the unsubscribe function. */
  onEvent(listener: (message: string) => void): () => void;
  /**
   * The core process's state ('connecting', 'open' or 'closed'), starting with the current one;
   * returns the unsubscribe function.
   */
  onConnectionChange(listener: (state: string) => void): () => void;
  /** The desktop app only: opens a failed step's trace in Playwright's viewer, in a window of its own. */
  openTrace?(stepId: number): Promise<'opened' | 'gone' | 'failed'>;
  /**
   * The desktop app only: the update's state (an UpdateNotice as JSON text), starting with the
   * current one; returns the unsubscribe function.
   */
  onUpdate?(listener: (notice: string) => void): () => void;
  /**
   * The desktop app only: what a click on a Windows notification or the tray asks the window to
   * open, as JSON text (`{"kind":"request","id":12}` or `{"kind":"needs-person"}`), starting with
   * one waiting for a window that has just opened; returns the unsubscribe function.
   */
  onOpen?(listener: (target: string) => void): () => void;
  /** The desktop app only: tells the main process the language staff chose, for the tray and the notifications. */
  setLanguage?(language: string): void;
}

/** The global the preload defines; its key is the bridge's name on `window`. */
export interface TantoBridgeWindow {
  tanto?: TantoBridge;
}

/**
 * The desktop app's update, as its main process tells the windows (TantoBridge.onUpdate):
 * found, downloading (percent), downloaded and waiting for a moment when the robot and sync are
 * both idle (`waitingFor` says which one is busy), then installing. `none` when there is nothing
 * to say; the headless shell never updates itself and has no such state.
 */
export interface UpdateNotice {
  phase: 'none' | 'available' | 'downloading' | 'ready' | 'installing';
  version: string | null;
  percent: number | null;
  waitingFor: 'robot' | 'sync' | 'session-end' | null;
}
