import { existsSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { DriverError } from './cart-driver';

/**
 * Which Chromium the robot drives (design.md §4): TANTO_CHROMIUM_PATH when set, then the path
 * the user configured, the Chromium bundled with the app, Microsoft Edge, Google Chrome, and
 * finally the system Chromium (Debian's /usr/bin/chromium on build machines).
 */
export type BrowserSource = 'environment' | 'configured' | 'bundled' | 'edge' | 'chrome' | 'system';

export interface BrowserResolution {
  executablePath: string;
  source: BrowserSource;
  /** Places looked at before the one chosen, with why they were passed over. */
  skipped: string[];
}

export interface ResolveBrowserOptions {
  configuredPath?: string | null;
  bundledPath?: string | null;
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  exists?: (file: string) => boolean;
}

/** The catalog sentence (reasons.browserNotFound) staff read when there is no browser: where it looked, what to do. */
export const BROWSER_NOT_FOUND_REASON = 'browserNotFound';

/**
 * No browser the robot could drive: a driver failure like any other, so the robot console and the
 * request say it from the catalogs in the viewer's language, naming the places looked at.
 */
export class BrowserNotFoundError extends DriverError {
  constructor(readonly looked: readonly string[]) {
    const places = looked.join(', ') || '-';
    super(
      'application',
      `ロボットが使うブラウザが見つかりません。Microsoft Edge か Google Chrome をインストールするか、設定でブラウザのパスを指定してください（確認した場所: ${places}）`,
      { reason: { key: BROWSER_NOT_FOUND_REASON, params: [places] } },
    );
  }
}

export function browserCandidates(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): Array<{ source: BrowserSource; file: string }> {
  if (platform === 'win32') {
    const roots = [env['PROGRAMFILES(X86)'] ?? env['ProgramFiles(x86)'], env.PROGRAMFILES ?? env.ProgramFiles].filter(
      (root): root is string => typeof root === 'string' && root.length > 0,
    );
    const local = env.LOCALAPPDATA;
    return [
      ...roots.map((root) => ({ source: 'edge' as const, file: path.win32.join(root, 'Microsoft', 'Edge', 'Application', 'msedge.exe') })),
      ...roots.map((root) => ({ source: 'chrome' as const, file: path.win32.join(root, 'Google', 'Chrome', 'Application', 'chrome.exe') })),
      ...(local ? [{ source: 'chrome' as const, file: path.win32.join(local, 'Google', 'Chrome', 'Application', 'chrome.exe') }] : []),
    ];
  }
  if (platform === 'darwin') {
    return [
      { source: 'edge', file: '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge' },
      { source: 'chrome', file: '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome' },
      { source: 'system', file: '/Applications/Chromium.app/Contents/MacOS/Chromium' },
    ];
  }
  return [
    { source: 'edge', file: '/usr/bin/microsoft-edge-stable' },
    { source: 'edge', file: '/usr/bin/microsoft-edge' },
    { source: 'edge', file: '/opt/microsoft/msedge/msedge' },
    { source: 'chrome', file: '/usr/bin/google-chrome-stable' },
    { source: 'chrome', file: '/usr/bin/google-chrome' },
    { source: 'system', file: '/usr/bin/chromium' },
    { source: 'system', file: '/usr/bin/chromium-browser' },
  ];
}

export function resolveBrowserExecutable(options: ResolveBrowserOptions = {}): BrowserResolution {
  const env = options.env ?? process.env;
  const exists = options.exists ?? existsSync;
  const skipped: string[] = [];
  const looked: string[] = [];
  const ordered: Array<{ source: BrowserSource; file: string | null | undefined }> = [
    { source: 'environment', file: env.TANTO_CHROMIUM_PATH },
    { source: 'configured', file: options.configuredPath },
    { source: 'bundled', file: options.bundledPath },
    ...browserCandidates(options.platform ?? process.platform, env),
  ];
  for (const { source, file } of ordered) {
    if (!file) continue;
    if (exists(file)) return { executablePath: file, source, skipped };
    skipped.push(`${source}: ${file} (見つかりません)`);
    looked.push(file);
  }
  throw new BrowserNotFoundError(looked);
}

/** Flags for an unattended robot: no first-run UI, no background traffic, no GPU needed. */
export const ROBOT_BROWSER_ARGS: readonly string[] = ['--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];

/**
 * What the browser may see of this process's environment: what it needs to run, show text in the
 * right language and time zone, find fonts and, on a desktop, a display. Nothing else: the vault
 * key, the cloud and LINE tokens and whatever else the shell was started with stay out of it.
 */
const BROWSER_ENV: Partial<Record<NodeJS.Platform, RegExp>> & { default: RegExp } = {
  linux: /^(PATH|HOME|TMPDIR|LANG|LC_\w+|TZ|FONTCONFIG_\w+|DISPLAY|WAYLAND_DISPLAY|XDG_RUNTIME_DIR)$/,
  win32: /^(PATH|SystemRoot|TEMP|TMP|LOCALAPPDATA|APPDATA|USERPROFILE|ProgramFiles|LANG|LC_\w+|TZ|FONTCONFIG_\w+)$/i,
  default: /^(PATH|HOME|TMPDIR|LANG|LC_\w+|TZ|FONTCONFIG_\w+)$/,
};

export interface BrowserLaunchSettings {
  chromiumSandbox: boolean;
  args: string[];
  env: Record<string, string>;
}

/**
 * How the robot's Chromium is started on this machine. Its sandbox is on wherever the OS lets
 * it run: Windows, macOS, and Linux as an ordinary user. Root on Linux is the one place Chromium
 * cannot sandbox itself and refuses to start unless told not to.
 */
export function browserLaunchSettings(host: { platform: NodeJS.Platform; uid: number | undefined; env: NodeJS.ProcessEnv }): BrowserLaunchSettings {
  const rootOnLinux = host.platform === 'linux' && host.uid === 0;
  const allowed = BROWSER_ENV[host.platform] ?? BROWSER_ENV.default;
  const env = Object.fromEntries(
    Object.entries(host.env).filter((entry): entry is [string, string] => allowed.test(entry[0]) && typeof entry[1] === 'string'),
  );
  return { chromiumSandbox: !rootOnLinux, args: rootOnLinux ? ['--no-sandbox', ...ROBOT_BROWSER_ARGS] : [...ROBOT_BROWSER_ARGS], env };
}

export interface LaunchOptions extends ResolveBrowserOptions {
  headless?: boolean;
  /** Extra flags after ROBOT_BROWSER_ARGS. */
  args?: readonly string[];
}

function launchSettings(options: LaunchOptions) {
  const { executablePath } = resolveBrowserExecutable(options);
  const settings = browserLaunchSettings({ platform: process.platform, uid: process.getuid?.(), env: process.env });
  return {
    executablePath,
    headless: options.headless ?? true,
    chromiumSandbox: settings.chromiumSandbox,
    args: [...settings.args, ...(options.args ?? [])],
    env: settings.env,
    // The shell stops the robot on Ctrl-C and SIGTERM, closing its browsers after the step at hand;
    // Playwright's own handlers would close them mid-step and exit the process before that.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  };
}

/** Launches over the default pipe transport; the robot never opens a debugging port. */
export async function launchRobotBrowser(options: LaunchOptions = {}): Promise<Browser> {
  return chromium.launch(launchSettings(options));
}

/** One persistent profile per cart login, so a signed-in session survives between runs. */
export async function launchRobotProfile(profileDir: string, options: LaunchOptions = {}): Promise<BrowserContext> {
  return chromium.launchPersistentContext(profileDir, { ...launchSettings(options), locale: 'ja-JP', timezoneId: 'Asia/Tokyo' });
}
