import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { defaultDataDir, readShopConfig } from '../electron/core/config';

/**
 * `npm start`: the app. The Electron shell needs Electron's binary; where it is missing the
 * headless shell serves the same app in a browser. With no shop configured, the demo shop opens.
 */
function electronBinary(): string | null {
  try {
    const binary = createRequire(import.meta.url)('electron') as unknown;
    return typeof binary === 'string' && existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

console.log(
  electronBinary() === null
    ? "Electron's binary is not installed on this machine; starting the headless shell instead (open the URL below in a browser)."
    : 'This build has no Electron shell yet; starting the headless shell instead (open the URL below in a browser).',
);

const dataDir = defaultDataDir();
const configured = readShopConfig(dataDir) !== undefined && !!process.env.TANTO_CLOUD_TOKEN;
if (configured) {
  await import('../electron/headless/main');
} else {
  console.log(`No shop is configured in ${dataDir} (tanto.json and TANTO_CLOUD_TOKEN); opening the demo shop.`);
  // The demo talks to its own sandboxes: a shop token set without tanto.json has no use here and is not passed on.
  delete process.env.TANTO_CLOUD_TOKEN;
  await import('../sandbox/demo');
}
