import { defineConfig } from 'vitest/config';

/** Conformance reads LINE's own OpenAPI documents from ../shared, so it is kept out of `npm test`. */
export default defineConfig({
  test: {
    include: ['test/conformance/**/*.test.ts'],
    pool: 'forks',
    testTimeout: 120_000,
  },
});
