import path from 'node:path';
import { Menu, Tray, type MenuItemConstructorOptions } from 'electron';
import type { TrayAction, TrayIconName, TrayView } from './tray-model';

/**
 * The tray icon, drawn from a TrayView (tray-model.ts holds what it says). Only Electron's
 * calls are here. The menu is rebuilt only when the view changed, so an open menu is not
 * replaced under the pointer by an identical one.
 */
export function createAppTray(iconDir: string, onAction: (action: TrayAction) => void): { show(view: TrayView): void; destroy(): void } {
  const iconFile = (icon: TrayIconName) => path.join(iconDir, `tray-${icon}.${process.platform === 'win32' ? 'ico' : 'png'}`);
  const tray = new Tray(iconFile('stopped'));
  // A click on the icon opens the window, as staff expect of a Windows tray icon; the menu is on the right button.
  tray.on('click', () => onAction('open-window'));
  let shown = '';
  return {
    show(view) {
      const key = JSON.stringify(view);
      if (key === shown) return;
      shown = key;
      tray.setImage(iconFile(view.icon));
      tray.setToolTip(view.tooltip);
      const items: MenuItemConstructorOptions[] = view.items.map((item) =>
        item.kind === 'separator'
          ? { type: 'separator' }
          : item.kind === 'label'
            ? { label: item.label, enabled: false }
            : { label: item.label, enabled: item.enabled, click: () => onAction(item.action) },
      );
      tray.setContextMenu(Menu.buildFromTemplate(items));
    },
    destroy: () => tray.destroy(),
  };
}
