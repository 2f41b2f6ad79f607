import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../fixtures/tmp';
import { checkLayering } from './check';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((f) => f()));

function tree(files: Record<string, string>): string {
  const tmp = tempDir('tanto-layering-');
  cleanups.push(tmp.remove);
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(tmp.dir, rel)), { recursive: true });
    writeFileSync(path.join(tmp.dir, rel), text);
  }
  return tmp.dir;
}

describe('layering', () => {
  it('holds for this repository', () => {
    expect(checkLayering(repoRoot)).toEqual([]);
  });

  it('fails on each deliberate bad import', () => {
    const root = tree({
      'electron/core/sync/bad.ts': `import { app } from 'electron';\n`,
      'electron/headless/bad.ts': `const e = require('electron');\n`,
      'electron/core-process/bad.ts': `import { utilityProcess } from 'electron';\n`,
      'electron/core-process/uses-main.ts': `import { gateCall } from '../main/call-gate';\n`,
      'electron/core/api/uses-main.ts': `import type { CoreLink } from '../../main/core-link';\n`,
      'electron/main/preload.ts': `import { contextBridge } from 'electron';\nimport { readFileSync } from 'node:fs';\nimport { isAppUrl } from './app-url';\n`,
      'automation/ecforce/bad.ts': `export { ipcMain } from 'electron/main';\n`,
      'sandbox/cloud/bad.ts': `const m = await import('electron');\n`,
      'renderer/src/bad-value.ts': `import { handlers } from '../../electron/core/api/handlers';\n`,
      'renderer/src/bad-types-value.ts': `import { Handlers } from '../../electron/core/api/types';\n`,
      'renderer/src/bad-db.ts': `import type { Db } from '../../electron/core/db/open';\n`,
      'renderer/src/bad-electron.ts': `import { ipcRenderer } from 'electron';\n`,
      'electron/core/api/uses-sandbox.ts': `import { startCloudSandbox } from '../../../sandbox/cloud/server';\n`,
      'automation/uses-sandbox.ts': `import type { X } from '../sandbox/line/server';\n`,
    });
    const found = checkLayering(root).map((v) => `${v.file}:${v.line}`).sort();
    expect(found).toEqual(
      [
        'automation/ecforce/bad.ts:1', 'automation/uses-sandbox.ts:1', 'electron/core/api/uses-sandbox.ts:1',
        'electron/core/sync/bad.ts:1', 'electron/headless/bad.ts:1', 'electron/core-process/bad.ts:1',
        'electron/core-process/uses-main.ts:1', 'electron/core/api/uses-main.ts:1', 'electron/main/preload.ts:2',
        'electron/main/preload.ts:3', 'renderer/src/bad-db.ts:1',
        'renderer/src/bad-electron.ts:1', 'renderer/src/bad-types-value.ts:1', 'renderer/src/bad-value.ts:1',
        'sandbox/cloud/bad.ts:1',
      ].sort(),
    );
  });

  it('allows what the rules allow', () => {
    const root = tree({
      'renderer/src/ok.ts': `import type { Handlers } from '../../electron/core/api/types';\nimport { type CoreEvents } from '../../electron/core/api/types';\n`,
      'electron/main/ok.ts': `import { app } from 'electron';\nimport { handlers } from '../core/api/handlers';\n`,
      'electron/main/preload.ts': `import { contextBridge, type IpcRendererEvent } from 'electron';\nimport type { TantoBridge } from '../core/api/types';\nimport { CALL_CHANNEL } from './channels';\n`,
      'electron/main/host-link.ts': `import { parseFromCore } from '../core-process/protocol';\nimport { parseEnvelope } from '../headless/envelope';\n`,
      'electron/core-process/main.ts': `import { createCore } from '../core/app';\nimport { createCoreHost } from './host';\n`,
      'sandbox/demo.ts': `import { openDatabase } from '../electron/core/db/open';\n`,
      'electron/core/line/client.test.ts': `import { startLineSandbox } from '../../../sandbox/line/server';\n`,
    });
    expect(checkLayering(root)).toEqual([]);
  });
});
