import { existsSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';

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

export class BrowserNotFoundError extends Error {
  override readonly name = 'BrowserNotFoundError';
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
  }
  throw new BrowserNotFoundError(
    `ロボットが使うブラウザが見つかりません。Microsoft Edge か Google Chrome をインストールするか、設定でブラウザのパスを指定してください。（確認した場所: ${skipped.join('、') || 'なし'}）`,
  );
}

/** Flags for an unattended robot: no first-run UI, no background traffic, no GPU needed. */
export const ROBOT_BROWSER_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];

export interface LaunchOptions extends ResolveBrowserOptions {
  headless?: boolean;
  /** Extra flags after ROBOT_BROWSER_ARGS. */
  args?: readonly string[];
}

/** Launches over the default pipe transport; the robot never opens a debugging port. */
export async function launchRobotBrowser(options: LaunchOptions = {}): Promise<Browser> {
  const { executablePath } = resolveBrowserExecutable(options);
  return chromium.launch({ executablePath, headless: options.headless ?? true, args: [...ROBOT_BROWSER_ARGS, ...(options.args ?? [])] });
}

/** One persistent profile per cart login, so a signed-in session survives between runs. */
export async function launchRobotProfile(profileDir: string, options: LaunchOptions = {}): Promise<BrowserContext> {
  const { executablePath } = resolveBrowserExecutable(options);
  return chromium.launchPersistentContext(profileDir, {
    executablePath,
    headless: options.headless ?? true,
    args: [...ROBOT_BROWSER_ARGS, ...(options.args ?? [])],
    locale: 'ja-JP',
    timezoneId: 'Asia/Tokyo',
  });
}
