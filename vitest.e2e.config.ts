import { defineConfig } from 'vitest/config';

// Browser tests: Node drives Debian's Chromium with playwright-core against `vite preview` of the
// built app. One file at a time: each starts its own browser, and the machine has two cores.
export default defineConfig({
  test: {
    environment: 'node',
    include: ['tests/e2e/**/*.test.ts'],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
});
