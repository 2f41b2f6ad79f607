import { describe, expect, it } from 'vitest';
import { BrowserNotFoundError, resolveBrowserExecutable } from './browser';

const only = (...files: string[]) => (file: string) => files.includes(file);

describe('which browser the robot drives', () => {
  it('prefers TANTO_CHROMIUM_PATH over everything', () => {
    const found = resolveBrowserExecutable({
      env: { TANTO_CHROMIUM_PATH: '/opt/custom/chrome' },
      configuredPath: '/configured/chrome',
      platform: 'linux',
      exists: only('/opt/custom/chrome', '/configured/chrome', '/usr/bin/chromium'),
    });
    expect(found).toMatchObject({ executablePath: '/opt/custom/chrome', source: 'environment' });
  });

  it('then the configured path, the bundled Chromium, Edge, Chrome, and the system Chromium', () => {
    const env = { PROGRAMFILES: 'C:\\Program Files', 'PROGRAMFILES(X86)': 'C:\\Program Files (x86)', LOCALAPPDATA: 'C:\\Users\\shop\\AppData\\Local' };
    const edge = 'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe';
    const chrome = 'C:\\Users\\shop\\AppData\\Local\\Google\\Chrome\\Application\\chrome.exe';
    const bundled = 'C:\\Program Files\\Tanto\\chromium\\chrome.exe';
    expect(resolveBrowserExecutable({ env, platform: 'win32', configuredPath: 'D:\\c.exe', bundledPath: bundled, exists: only('D:\\c.exe', bundled, edge) }).source).toBe('configured');
    expect(resolveBrowserExecutable({ env, platform: 'win32', configuredPath: 'D:\\gone.exe', bundledPath: bundled, exists: only(bundled, edge) })).toMatchObject({
      source: 'bundled',
      skipped: ['configured: D:\\gone.exe (見つかりません)'],
    });
    expect(resolveBrowserExecutable({ env, platform: 'win32', exists: only(edge, chrome) })).toMatchObject({ source: 'edge', executablePath: edge });
    expect(resolveBrowserExecutable({ env, platform: 'win32', exists: only(chrome) })).toMatchObject({ source: 'chrome', executablePath: chrome });
    expect(resolveBrowserExecutable({ env: {}, platform: 'linux', exists: only('/usr/bin/chromium') })).toMatchObject({ source: 'system', executablePath: '/usr/bin/chromium' });
  });

  it('says in Japanese what to install when there is none', () => {
    expect(() => resolveBrowserExecutable({ env: {}, platform: 'win32', exists: () => false })).toThrow(BrowserNotFoundError);
    expect(() => resolveBrowserExecutable({ env: {}, platform: 'linux', exists: () => false })).toThrow(/Microsoft Edge か Google Chrome/);
  });
});
