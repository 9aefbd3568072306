import { defineConfig } from 'vitest/config';

// Unit tests run in Node (vite-plugin-solid would switch Vitest to jsdom: STACK.md section 6).
export default defineConfig({
  test: {
    environment: 'node',
    include: ['tests/unit/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
