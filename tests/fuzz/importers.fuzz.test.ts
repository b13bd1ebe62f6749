import { readdirSync, readFileSync } from 'node:fs'
import fc from 'fast-check'
import { describe, expect, it, vi } from 'vitest'
import { TokenDeskError } from '../../src/main/errors'
import { importIntegrations } from '../../src/main/importers'
import { parseIntegration } from '../../src/main/integration/parse'
import { assertClonable, hostileText } from './hostile'

// Each property runs many cases; under a loaded CI machine that takes longer than one plain test.
vi.setConfig({ testTimeout: 90_000 })

const samplesDir = new URL('../../src/main/importers/samples/', import.meta.url)
const samples = readdirSync(samplesDir).map((name) => ({
  name,
  text: readFileSync(new URL(name, samplesDir), 'utf8'),
}))
const jsonSamples = samples.filter((sample) => sample.name.endsWith('.json'))

/** The value with the node at `path` (indices into its object entries) replaced. */
function replaceAt(value: unknown, path: number[], replacement: unknown): unknown {
  if (path.length === 0 || typeof value !== 'object' || value === null) return replacement
  const entries = Object.entries(value)
  if (entries.length === 0) return replacement
  const index = path[0]! % entries.length
  const [key, child] = entries[index]!
  const copy = (Array.isArray(value) ? [...(value as unknown[])] : { ...value }) as Record<string, unknown>
  copy[key] = replaceAt(child, path.slice(1), replacement)
  return copy
}

const mutatedSample = fc
  .tuple(
    fc.constantFrom(...jsonSamples),
    fc.array(fc.array(fc.nat(), { maxLength: 8 }), { minLength: 1, maxLength: 4 }),
    fc.array(fc.oneof(fc.jsonValue({ maxDepth: 3 }), hostileText), { minLength: 4, maxLength: 4 }),
  )
  .map(([sample, paths, replacements]) => {
    let value: unknown = JSON.parse(sample.text)
    paths.forEach((path, index) => (value = replaceAt(value, path, replacements[index])))
    return { fileName: sample.name, text: JSON.stringify(value) }
  })

const damagedText = fc
  .tuple(fc.constantFrom(...samples), fc.nat(), fc.nat(), hostileText)
  .map(([sample, from, length, inserted]) => {
    const at = from % (sample.text.length + 1)
    return {
      fileName: sample.name,
      text: sample.text.slice(0, at) + inserted + sample.text.slice(at + (length % 50)),
    }
  })

function expectExplained(error: unknown): void {
  expect(error).toBeInstanceOf(TokenDeskError)
  expect((error as TokenDeskError).message.trim()).not.toBe('')
}

describe('random and damaged import files', () => {
  it('import either gives valid integrations with clonable warnings or says why not', () => {
    fc.assert(
      fc.property(fc.oneof(mutatedSample, damagedText), (file) => {
        try {
          const result = importIntegrations(file)
          assertClonable(result)
          for (const integration of result.integrations) parseIntegration(integration)
          for (const warning of result.warnings) expect(warning.trim()).not.toBe('')
        } catch (error) {
          expectExplained(error)
        }
      }),
      { numRuns: 200 },
    )
  })

  it('parseIntegration takes or refuses any JSON value with a message', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.jsonValue(),
          mutatedSample.map((file) => JSON.parse(file.text) as unknown),
        ),
        (value) => {
          try {
            assertClonable(parseIntegration(value))
          } catch (error) {
            expectExplained(error)
          }
        },
      ),
      { numRuns: 200 },
    )
  })
})
