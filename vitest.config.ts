import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['**/*.test.ts'],
    exclude: ['node_modules/**', 'data/**'],
    // Real sockets and real disks: give slow CI machines room, never retry.
    testTimeout: 30_000,
    hookTimeout: 30_000,
    retry: 0,
    pool: 'forks',
  },
});
