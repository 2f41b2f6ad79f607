import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const projectRoot = fileURLToPath(new URL('..', import.meta.url));

function newestSource(dir: string, skip: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (full === skip) continue;
    newest = Math.max(newest, entry.isDirectory() ? newestSource(full, skip) : statSync(full).mtimeMs);
  }
  return newest;
}

/**
 * Why the renderer has to be built, or null when renderer/dist is newer than everything it is made
 * from: renderer/ itself, the build's settings and the installed packages (package-lock.json).
 */
export function rendererBuildNeeded(root = projectRoot): 'missing' | 'stale' | null {
  const distDir = path.join(root, 'renderer', 'dist');
  const built = path.join(distDir, 'index.html');
  if (!existsSync(built)) return 'missing';
  const inputs = ['vite.config.ts', 'package-lock.json', 'tsconfig.json'].map((file) => path.join(root, file)).filter((f) => existsSync(f));
  const sources = Math.max(newestSource(path.join(root, 'renderer'), distDir), ...inputs.map((f) => statSync(f).mtimeMs));
  return sources > statSync(built).mtimeMs ? 'stale' : null;
}

/**
 * Builds the screens into renderer/dist when the build is missing or older than its sources, so
 * `npm run demo` and `npm start` never serve the page that says the screens are not built. The
 * build goes to a folder of its own first and then takes renderer/dist's place, so a shell
 * serving renderer/dist meanwhile never sees half a build. NODE_ENV is production whatever the
 * caller's (a test runner's is "test"), so React's production build is bundled, as shops get it.
 */
export function ensureRendererBuilt(log: (line: string) => void = (line) => console.log(line)): void {
  const reason = rendererBuildNeeded();
  if (reason === null) return;
  log(reason === 'missing' ? '画面をビルドしています（初回のみ）…' : '画面のソースが更新されたため、ビルドし直しています…');
  const rendererDir = path.join(projectRoot, 'renderer');
  const distDir = path.join(rendererDir, 'dist');
  const vite = path.join(path.dirname(createRequire(import.meta.url).resolve('vite/package.json')), 'bin', 'vite.js');
  const outDir = path.join(projectRoot, `.renderer-build-${process.pid}`);
  const result = spawnSync(process.execPath, [vite, 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'error'], {
    cwd: projectRoot,
    env: { ...process.env, NODE_ENV: 'production' },
    encoding: 'utf8',
  });
  if (result.status !== 0) {
    rmSync(outDir, { recursive: true, force: true });
    throw new Error(`画面のビルドに失敗しました（npm run build:renderer で詳細を確認できます）:\n${result.stderr || result.stdout}`);
  }
  rmSync(distDir, { recursive: true, force: true });
  try {
    renameSync(outDir, distDir);
  } catch (error) {
    // Another process built it at the same moment and moved its build in first; theirs serves as well.
    rmSync(outDir, { recursive: true, force: true });
    if (!existsSync(path.join(distDir, 'index.html'))) throw error;
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) ensureRendererBuilt();
