import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { importCircles, importGraph, sourceFiles } from './importGraph'

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
const graph = importGraph(sourceFiles(resolve(repo, 'src')), repo)

/** The doors into the OAuth engine: everything else under src/main/oauth is its own business. */
const OAUTH_ENTRIES = ['src/main/oauth/index.ts', 'src/main/oauth/engine.ts', 'src/main/oauth/keptTokens.ts']

describe('imports in src/', () => {
  it('form no circle: a reader never goes back and forth between files', () => {
    expect(importCircles(graph)).toEqual([])
  })

  it('finds a circle when there is one, however long, and a file importing itself', () => {
    const chain = new Map<string, string[]>()
    for (let i = 0; i < 50_000; i++) chain.set(`f${i}`, [`f${i + 1}`])
    chain.set('f50000', ['f25000'])
    chain.set('self', ['self'])
    chain.set('alone', ['f0'])
    const circles = importCircles(chain)
    expect(circles).toHaveLength(2)
    expect(circles.find((circle) => circle.includes('f25000'))).toHaveLength(25_001)
    expect(circles).toContainEqual(['self'])
  })

  it('reach the OAuth engine only through its entry points', () => {
    const reachingIn = [...graph].flatMap(([file, targets]) =>
      file.startsWith('src/main/oauth/')
        ? []
        : targets
            .filter((target) => target.startsWith('src/main/oauth/') && !OAUTH_ENTRIES.includes(target))
            .map((target) => `${file} → ${target}`),
    )
    expect(reachingIn).toEqual([])
  })

  it('keep the transport free of diagnoses: http/ never imports diagnose/', () => {
    const http = [...graph].filter(
      ([file]) => file.startsWith('src/main/http/') && !file.endsWith('.test.ts'),
    )
    expect(
      http.flatMap(([file, targets]) =>
        targets
          .filter((target) => target.startsWith('src/main/diagnose/'))
          .map((target) => `${file} → ${target}`),
      ),
    ).toEqual([])
  })
})
