import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkElectronSecurity, judge, readJustifications, type Finding } from '../../scripts/security/electron-check';

const root = path.resolve(import.meta.dirname, '../..');
const scratch = mkdtempSync(path.join(tmpdir(), 'tanto-security-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

let copies = 0;
/** A copy of this repository's main process and builder config, with one file changed or added. */
function variant(files: Record<string, string>, builder?: (text: string) => string): Finding[] {
  const at = path.join(scratch, `v${(copies += 1)}`);
  cpSync(path.join(root, 'electron/main'), path.join(at, 'electron/main'), { recursive: true });
  const yml = readFileSync(path.join(root, 'electron-builder.yml'), 'utf8');
  writeFileSync(path.join(at, 'electron-builder.yml'), builder ? builder(yml) : yml);
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(at, file)), { recursive: true });
    writeFileSync(path.join(at, file), text);
  }
  return checkElectronSecurity(at);
}

const rules = (findings: Finding[]) => findings.map((f) => f.rule).sort();
const edit = (file: string, from: string, to: string) => {
  const text = readFileSync(path.join(root, file), 'utf8');
  if (!text.includes(from)) throw new Error(`${file} no longer contains ${from}`);
  return { [file]: text.replace(from, to) };
};

describe('the security check of the desktop app', () => {
  it('finds nothing in this repository that security/justified.yml does not justify', () => {
    const findings = checkElectronSecurity(root);
    const { open, stale } = judge(findings, readJustifications(root));
    expect(open).toEqual([]);
    expect(stale).toEqual([]);
  });

  it('fails on each weakened window preference', () => {
    const file = 'electron/main/window-options.ts';
    expect(rules(variant(edit(file, 'nodeIntegration: false,', 'nodeIntegration: true,')))).toEqual(['nodeIntegration', 'window-options']);
    expect(rules(variant(edit(file, 'contextIsolation: true,', 'contextIsolation: false,')))).toEqual(['contextIsolation', 'window-options']);
    expect(rules(variant(edit(file, 'sandbox: true,', 'sandbox: false,')))).toEqual(['sandbox', 'window-options']);
    expect(rules(variant(edit(file, 'webSecurity: true,', 'webSecurity: false,')))).toEqual(['webSecurity']);
    expect(rules(variant(edit(file, 'allowRunningInsecureContent: false,', 'allowRunningInsecureContent: true,')))).toEqual(['allowRunningInsecureContent']);
    expect(rules(variant(edit(file, 'sandbox: true,', 'sandbox: process.env.SANDBOX === "1",')))).toEqual(['unreadable-preference', 'window-options']);
  });

  it('fails on a window that leaves isolation to the defaults', () => {
    const findings = variant({ 'electron/main/extra-window.ts': "import { BrowserWindow } from 'electron';\nexport const open = () => new BrowserWindow({ width: 400, webPreferences: { sandbox: true } });\n" });
    expect(findings.filter((f) => f.rule === 'window-options').map((f) => f.message)).toEqual([
      'a BrowserWindow without contextIsolation: true',
      'a BrowserWindow without nodeIntegration: false',
    ]);
  });

  it('fails on the remote module', () => {
    expect(rules(variant({ 'electron/main/extra.ts': "import { enable } from '@electron/remote/main';\nexport { enable };\n" }))).toEqual(['remote-module']);
    expect(rules(variant({ 'electron/main/extra.ts': "import { remote } from 'electron';\nexport { remote };\n" }))).toEqual(['remote-module']);
  });

  it('fails on a preload that hands the page ipcRenderer or one of its methods', () => {
    const preload = 'electron/main/preload.ts';
    expect(rules(variant(edit(preload, "contextBridge.exposeInMainWorld('tanto' satisfies keyof TantoBridgeWindow, bridge);", "contextBridge.exposeInMainWorld('ipc', ipcRenderer);")))).toEqual(['preload-exposes-ipc']);
    expect(rules(variant(edit(preload, 'const bridge: TantoBridge = {', 'const bridge: TantoBridge & { send?: unknown } = {\n  send: ipcRenderer.send,')))).toEqual(['preload-exposes-ipc']);
  });

  it('fails on shell.openExternal with an unchecked URL, not on a checked or fixed one', () => {
    const unchecked = "import { shell } from 'electron';\nexport const go = (url: string) => shell.openExternal(url);\n";
    expect(rules(variant({ 'electron/main/extra.ts': unchecked }))).toEqual(['open-external']);
    const negated = "import { shell } from 'electron';\nimport { isAllowedExternal } from './x';\nexport function go(url: string) { if (!isAllowedExternal(url)) void shell.openExternal(url); }\n";
    expect(rules(variant({ 'electron/main/extra.ts': negated }))).toEqual(['open-external']);
    const checked = "import { shell } from 'electron';\nimport { isAllowedExternal } from './x';\nexport function go(url: string) { if (isAllowedExternal(url)) void shell.openExternal(url); }\n";
    expect(rules(variant({ 'electron/main/extra.ts': checked }))).toEqual([]);
    expect(rules(variant({ 'electron/main/extra.ts': "import { shell } from 'electron';\nexport const help = () => shell.openExternal('https://tanto.example/help');\n" }))).toEqual([]);
  });

  it('fails without a Content-Security-Policy, or with one that allows inline script', () => {
    expect(rules(variant(edit('electron/main/csp.ts', "  'content-security-policy': APP_CSP,\n", '')))).toEqual(['csp-missing']);
    expect(rules(variant(edit('electron/main/csp.ts', `"script-src 'self'"`, `"script-src 'self' 'unsafe-inline'"`)))).toEqual(['csp-weak']);
  });

  it('fails when navigation or new windows are no longer refused', () => {
    const findings = variant(edit('electron/main/guards.ts', "contents.on('will-navigate', (event, url) => refuseForeign(event, url));", ''));
    expect(rules(findings)).toEqual(['navigation-guard']);
  });

  it('fails on a fuse turned off', () => {
    const findings = variant({}, (yml) => yml.replace('runAsNode: false', 'runAsNode: true').replace('  grantFileProtocolExtraPrivileges: false\n', ''));
    expect(findings.map((f) => f.message)).toEqual([
      'electronFuses.runAsNode must be false (is true)',
      'electronFuses.grantFileProtocolExtraPrivileges must be false (is not set)',
    ]);
  });

  it('accepts a finding only with a reason, and calls a justification with no finding stale', () => {
    const finding: Finding = { rule: 'webSecurity', file: 'electron/main/x.ts', line: 3, message: '' };
    const reason = { rule: 'webSecurity', file: 'electron/main/x.ts', reason: 'a local viewer of files the app wrote itself, nothing from outside' };
    expect(judge([finding], [reason])).toEqual({ open: [], stale: [] });
    expect(judge([], [reason]).stale).toEqual([reason]);
    expect(judge([finding], []).open).toEqual([finding]);
  });
});
