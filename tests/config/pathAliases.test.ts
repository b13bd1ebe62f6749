import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { pathAliases } from '../../scripts/pathAliases'
import { MASKED } from '@shared/secretNames'

const root = resolve(import.meta.dirname, '../..')
const json = (file: string) => JSON.parse(readFileSync(resolve(root, file), 'utf8'))

describe('the @shared alias', () => {
  it('means the same folder to TypeScript (and Playwright, which reads tsconfig) as to the bundlers', () => {
    const paths: Record<string, string[]> = json('tsconfig.base.json').compilerOptions.paths
    const fromTsconfig = Object.fromEntries(
      Object.entries(paths).map(([alias, [target]]) => [
        alias.replace(/\/\*$/, ''),
        resolve(root, target!.replace(/\/\*$/, '')),
      ]),
    )
    expect(fromTsconfig).toEqual(pathAliases(root))
  })

  it('is the tsconfig every process and the e2e harness extend, and the one Playwright is given', () => {
    for (const file of ['tsconfig.web.json', 'tsconfig.node.json', 'tsconfig.e2e.json'])
      expect(json(file).extends, file).toBe('./tsconfig.base.json')
    expect(readFileSync(resolve(root, 'playwright.config.ts'), 'utf8')).toContain(
      "tsconfig: './tsconfig.e2e.json'",
    )
    expect(readFileSync(resolve(root, 'electron.vite.config.ts'), 'utf8')).toContain(
      'resolve: { alias: pathAliases(import.meta.dirname) }',
    )
  })

  it('resolves in vitest', () => {
    expect(MASKED).toBeTypeOf('string')
  })
})
