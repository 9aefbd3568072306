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
    // A shared, busy machine: browser-side updates get 15 s before a poll fails (the default is 1 s).
    expect: { poll: { timeout: 15_000, interval: 100 } },
  },
});
