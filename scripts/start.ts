import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { defaultDataDir, readShopConfig } from '../electron/core/config';
import { ensureRendererBuilt } from './renderer-build';

/**
 * `npm start`: the app. The Electron shell needs Electron's binary; where it is missing the
 * headless shell serves the same app in a browser. With no shop configured, the demo shop opens.
 *
 * Electron's binary is looked for where its installer puts it, without loading the `electron`
 * package: loading it starts a download when the binary is missing, which on a machine without
 * access to Electron's servers prints a failed download and a stack before anything else.
 */
function electronInstalled(): boolean {
  try {
    const dir = path.dirname(createRequire(import.meta.url).resolve('electron/package.json'));
    const pathFile = path.join(dir, 'path.txt');
    if (!existsSync(pathFile)) return false;
    const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
    const executable = readFileSync(pathFile, 'utf8').trim();
    return existsSync(override ? path.join(override, executable) : path.join(dir, 'dist', executable));
  } catch {
    return false;
  }
}

console.log(
  electronInstalled()
    ? 'この版にはまだデスクトップ版（Electron）の画面がないため、ブラウザで使う版を起動します（下に出る URL を開いてください）。'
    : 'Electron がインストールされていないため、ブラウザで使う版を起動します（下に出る URL を開いてください）。',
);

ensureRendererBuilt();
const dataDir = defaultDataDir();
const configured = readShopConfig(dataDir) !== undefined && !!process.env.TANTO_CLOUD_TOKEN;
if (configured) {
  await import('../electron/headless/main');
} else {
  console.log(`${dataDir} にショップの設定（tanto.json と TANTO_CLOUD_TOKEN）がないため、デモショップを開きます。`);
  // The demo talks to its own sandboxes: a shop token set without tanto.json has no use here and is not passed on.
  delete process.env.TANTO_CLOUD_TOKEN;
  await import('../sandbox/demo');
}
