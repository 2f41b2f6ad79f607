import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../test/fixtures/tmp';
import { chromiumUnder, environOf } from '../test/integration/process-tree';
import { BrowserNotFoundError, browserLaunchSettings, resolveBrowserExecutable, ROBOT_BROWSER_ARGS } from './browser';
import { createBrowserDriverProvider } from './browser-drivers';

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

  it('names every place it looked, as a reason the screens say from their catalogs', () => {
    const env = { PROGRAMFILES: 'C:\\Program Files', LOCALAPPDATA: 'C:\\Users\\shop\\AppData\\Local' };
    let error: unknown;
    try {
      resolveBrowserExecutable({ env, configuredPath: 'D:\\Tools\\chrome.exe', platform: 'win32', exists: () => false });
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(BrowserNotFoundError);
    const looked = [
      'D:\\Tools\\chrome.exe',
      'C:\\Program Files\\Microsoft\\Edge\\Application\\msedge.exe',
      'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
      'C:\\Users\\shop\\AppData\\Local\\Google\\Chrome\\Application\\chrome.exe',
    ];
    expect((error as BrowserNotFoundError).reason).toEqual({ key: 'browserNotFound', params: [looked.join(', ')] });
    expect((error as BrowserNotFoundError).message).toContain(`確認した場所: ${looked.join(', ')}`);
  });
});

describe('how the robot starts its browser', () => {
  const env = {
    PATH: '/usr/bin',
    HOME: '/home/shop',
    LANG: 'ja_JP.UTF-8',
    LC_TIME: 'ja_JP.UTF-8',
    TZ: 'Asia/Tokyo',
    FONTCONFIG_PATH: '/etc/fonts',
    DISPLAY: ':0',
    WAYLAND_DISPLAY: 'wayland-0',
    XDG_RUNTIME_DIR: '/run/user/1000',
    TANTO_VAULT_KEY: 'a3'.repeat(32),
    TANTO_VAULT_KEY_FILE: '/etc/tanto/vault.key',
    TANTO_CLOUD_TOKEN: 'cloud-token',
    TANTO_LINE_TOKEN: 'line-token',
    AWS_SECRET_ACCESS_KEY: 'aws',
    NODE_OPTIONS: '--inspect',
  };

  it('sandboxes Chromium on Windows, macOS and Linux as a user; only root on Linux runs it without', () => {
    expect(browserLaunchSettings({ platform: 'win32', uid: undefined, env: {} })).toMatchObject({ chromiumSandbox: true, args: [...ROBOT_BROWSER_ARGS] });
    expect(browserLaunchSettings({ platform: 'darwin', uid: 0, env: {} })).toMatchObject({ chromiumSandbox: true });
    expect(browserLaunchSettings({ platform: 'linux', uid: 1000, env: {} })).toMatchObject({ chromiumSandbox: true, args: [...ROBOT_BROWSER_ARGS] });
    expect(browserLaunchSettings({ platform: 'linux', uid: 0, env: {} })).toMatchObject({
      chromiumSandbox: false,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    });
  });

  it('gives it on Linux only what a browser needs from the environment', () => {
    expect(browserLaunchSettings({ platform: 'linux', uid: 1000, env }).env).toEqual({
      PATH: '/usr/bin',
      HOME: '/home/shop',
      LANG: 'ja_JP.UTF-8',
      LC_TIME: 'ja_JP.UTF-8',
      TZ: 'Asia/Tokyo',
      FONTCONFIG_PATH: '/etc/fonts',
      DISPLAY: ':0',
      WAYLAND_DISPLAY: 'wayland-0',
      XDG_RUNTIME_DIR: '/run/user/1000',
    });
  });

  it("gives it on Windows the system's folders, whatever their case, and nothing of Tanto's", () => {
    const windows = { ...env, Path: 'C:\\Windows', SYSTEMROOT: 'C:\\Windows', TEMP: 'T', TMP: 'T', LOCALAPPDATA: 'L', APPDATA: 'A', USERPROFILE: 'U', ProgramFiles: 'P', windir: 'C:\\Windows' };
    expect(Object.keys(browserLaunchSettings({ platform: 'win32', uid: undefined, env: windows }).env).sort()).toEqual(
      ['APPDATA', 'FONTCONFIG_PATH', 'LANG', 'LC_TIME', 'LOCALAPPDATA', 'PATH', 'Path', 'ProgramFiles', 'SYSTEMROOT', 'TEMP', 'TMP', 'TZ', 'USERPROFILE'].sort(),
    );
  });

  describe.runIf(process.platform === 'linux')("the robot's running Chromium", () => {
    const secrets = { TANTO_VAULT_KEY: 'd4'.repeat(32), TANTO_CLOUD_TOKEN: 'cloud-token-in-env-7f3a', TANTO_LINE_TOKEN: 'line-token-in-env-9c1e' };
    const saved = { ...process.env };
    afterEach(() => {
      for (const name of [...Object.keys(secrets), 'TANTO_UNRELATED_SETTING']) delete process.env[name];
      Object.assign(process.env, saved);
    });

    it('holds none of the secrets in this process\'s environment, in any of its processes', async () => {
      Object.assign(process.env, secrets, { TANTO_UNRELATED_SETTING: 'kept-out' });
      const scratch = tempDir('tanto-browser-env-');
      const drivers = createBrowserDriverProvider({ artifactsDir: scratch.dir });
      try {
        await drivers.driverFor(0, { ref: 'ecforce-main', cart: 'ecforce', baseUrl: 'http://127.0.0.1:1', email: 'robot@example.jp', password: 'unused' });
        const browsers = chromiumUnder(process.pid);
        expect(browsers.length).toBeGreaterThan(1);
        // The browser process itself, started by playwright; its helpers may reuse their environment's memory for their titles.
        const main = browsers.find((browser) => browser.ppid === process.pid);
        expect(environOf(main!.pid)?.get('PATH')).toBe(process.env.PATH);
        for (const browser of browsers) {
          const environ = environOf(browser.pid);
          if (environ === null) continue;
          expect(environ.has('TANTO_UNRELATED_SETTING')).toBe(false);
          const text = [...environ].map(([name, value]) => `${name}=${value}`).join('\n');
          for (const [name, value] of Object.entries(secrets)) {
            expect(environ.has(name)).toBe(false);
            expect(text.includes(value), `${name} in ${browser.cmdline}`).toBe(false);
          }
        }
      } finally {
        await drivers.close();
        scratch.remove();
      }
    });
  });
});
