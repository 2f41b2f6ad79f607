import { defineConfig } from 'vitest/config';

const shared = { pool: 'forks' as const, testTimeout: 120_000, hookTimeout: 60_000 };

/**
 * Two groups. The robot's end-to-end tests each drive Chromium against three sandboxes and
 * spawn robot processes; on a two-core machine they run one file at a time, after the rest, so
 * no test's timing depends on what else happens to be running.
 */
export default defineConfig({
  test: {
    projects: [
      {
        extends: true,
        test: {
          ...shared,
          name: 'core',
          include: ['electron/**/*.test.ts', 'automation/**/*.test.ts', 'sandbox/**/*.test.ts', 'renderer/**/*.test.ts', 'test/**/*.test.ts'],
          exclude: ['test/conformance/**', 'test/robot/**', 'node_modules/**'],
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          ...shared,
          name: 'robot',
          include: ['test/robot/**/*.test.ts'],
          maxWorkers: 1,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
