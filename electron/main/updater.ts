import electronUpdater from 'electron-updater';
import type { NodeLogger } from 'electron-log';
import type { UpdateNotice } from '../core/api/types';
import { createUpdateGate, type IdleReport, type UpdateGate } from './update-gate';

export interface UpdatesOptions {
  /** The hold on the core (update-idle.ts). */
  core: { hold(): Promise<IdleReport>; release(): void };
  onNotice(notice: UpdateNotice): void;
  log: NodeLogger;
  /** How often to look for a new release (default every 4 hours). */
  checkEveryMs?: number;
}

const FOUR_HOURS = 4 * 60 * 60 * 1000;

/**
 * electron-updater on the generic provider that electron-builder.yml names (its app-update.yml
 * is written into the installed app). Downloads start by themselves; installing is the gate's
 * decision alone: `autoInstallOnAppQuit` is off, so quitting the app never runs the installer
 * behind the gate's back. The installer runs silently (per-user, no elevation) and starts the
 * app again, so an unattended PC is back at work after the update.
 */
export function startUpdates({ core, onNotice, log, checkEveryMs = FOUR_HOURS }: UpdatesOptions): { gate: UpdateGate; stop(): void } {
  const { autoUpdater } = electronUpdater;
  autoUpdater.logger = log;
  autoUpdater.autoDownload = true;
  autoUpdater.autoInstallOnAppQuit = false;
  autoUpdater.allowDowngrade = false;
  autoUpdater.allowPrerelease = false;

  const gate = createUpdateGate({
    hold: () => core.hold(),
    release: () => core.release(),
    install: () => autoUpdater.quitAndInstall(true, true),
    onNotice,
    setTimer: (run, ms) => {
      const timer = setTimeout(run, ms);
      return () => clearTimeout(timer);
    },
  });

  autoUpdater.on('update-available', (info) => gate.available(info.version));
  autoUpdater.on('download-progress', (progress) => gate.progress(progress.percent));
  autoUpdater.on('update-downloaded', (event) => gate.downloaded(event.version));
  autoUpdater.on('update-not-available', () => gate.withdrawn());
  autoUpdater.on('error', (error) => {
    log.warn(`update: ${error.message}`);
    gate.failed();
  });

  const check = () => void autoUpdater.checkForUpdates().catch((error: Error) => log.warn(`update: the check failed (${error.message})`));
  check();
  const every = setInterval(check, checkEveryMs);
  return {
    gate,
    stop() {
      clearInterval(every);
      gate.stop();
    },
  };
}
