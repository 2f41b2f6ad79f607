import type { SettingLock } from './types';

/**
 * What the shell tells the settings handlers about itself: which items it was started with (and
 * so the screen cannot change), and how saved settings take effect (a core restart).
 */
export interface SettingsHost {
  shell: 'desktop' | 'headless';
  /** Where tanto.json is read and written. */
  dataDir: string;
  /** The cloud address given by a flag (--cloud-url), overriding tanto.json. */
  cloudUrlLock?: SettingLock;
  /** The cloud token given by a file or the environment: not the store's to change. */
  cloudTokenLock?: SettingLock;
  lineTokenLock?: SettingLock;
  /** The secret store the screen would save tokens and cart logins in is missing. */
  noStoreLock?: SettingLock;
  /**
   * Apply what was saved: restart the core once the call that saved it has answered. Calls that
   * arrive meanwhile wait for the new core.
   */
  restart(): void;
  /** True once restart() has been asked for and the new core is not yet serving. */
  restartPending?(): boolean;
  /** The Chromium shipped with the desktop app, for the connection test (as for the robot). */
  bundledBrowserPath?: string;
}
