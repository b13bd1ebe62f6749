import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'tests/**/*.test.ts'],
    environment: 'node',
    // Real servers, scrypt and spawned processes on a 2-core machine: generous, never a speed claim.
    testTimeout: 60_000,
    pool: 'forks',
  },
})
