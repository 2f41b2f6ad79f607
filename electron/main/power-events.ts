import { app, powerMonitor, powerSaveBlocker } from 'electron';
import type { CoreLink } from './core-link';
import { wireNightPower } from './night-power';

/**
 * Electron's side of night mode: powerMonitor's sleep and wake, powerSaveBlocker while the
 * robot works, and starting at login (without openAsHidden, gone since Electron 44).
 */
export function watchPower(link: CoreLink, log: (line: string) => void): () => void {
  return wireNightPower(
    link,
    {
      onSuspend: (listener) => powerMonitor.on('suspend', listener),
      onResume: (listener) => powerMonitor.on('resume', listener),
      keepAwake: () => powerSaveBlocker.start('prevent-app-suspension'),
      letSleep: (id) => {
        if (powerSaveBlocker.isStarted(id)) powerSaveBlocker.stop(id);
      },
      setOpenAtLogin: (openAtLogin) => app.setLoginItemSettings({ openAtLogin }),
    },
    log,
  );
}
