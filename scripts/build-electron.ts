import { build, type BuildOptions } from 'esbuild';

/**
 * `npm run build:electron`: the Electron shell's four bundles in dist-electron/, where
 * package.json's "main" and electron/main/main.ts expect them:
 * - main.js, the main process (ESM);
 * - preload.cjs, the preload, one CommonJS file because a sandboxed preload can load nothing but
 *   `electron` itself;
 * - core-process.js, the core that main.js starts in a utility process (ESM);
 * - condition-reader.js, the worker thread the core's tag rules read conditions in (ESM), found
 *   beside core-process.js (electron/core/tags/rules/parallel-reads.ts).
 * Packages stay in node_modules (better-sqlite3 is native and is rebuilt for Electron when
 * packaging); only the repository's own code is bundled.
 */
const shared: BuildOptions = {
  bundle: true,
  platform: 'node',
  target: 'node22',
  packages: 'external',
  sourcemap: false,
  logLevel: 'info',
};

await Promise.all([
  build({ ...shared, entryPoints: ['electron/main/main.ts'], outfile: 'dist-electron/main.js', format: 'esm' }),
  build({ ...shared, entryPoints: ['electron/main/preload.ts'], outfile: 'dist-electron/preload.cjs', format: 'cjs' }),
  build({ ...shared, entryPoints: ['electron/core-process/main.ts'], outfile: 'dist-electron/core-process.js', format: 'esm' }),
  build({ ...shared, entryPoints: ['electron/core/tags/rules/condition-reader.ts'], outfile: 'dist-electron/condition-reader.js', format: 'esm' }),
]);
