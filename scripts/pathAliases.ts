import { resolve } from 'node:path'

/**
 * The import aliases, for the bundlers (electron-vite, vitest), from the repository root. TypeScript
 * and Playwright read the same aliases from tsconfig.base.json's `paths`; tests/config/pathAliases.test.ts
 * keeps the two equal. (A function of the root: a bundled config's import.meta.dirname is the config's.)
 */
export function pathAliases(root: string): Record<string, string> {
  return { '@shared': resolve(root, 'src/shared') }
}
