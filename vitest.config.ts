import { defineConfig } from 'vitest/config'
import { pathAliases } from './scripts/pathAliases'

export default defineConfig({
  resolve: { alias: pathAliases(import.meta.dirname) },
  test: {
    include: ['src/**/*.test.ts', 'tests/**/*.test.ts'],
    environment: 'node',
    // Real servers, scrypt and spawned processes on a 2-core machine: generous, never a speed claim.
    testTimeout: 60_000,
    pool: 'forks',
  },
})
