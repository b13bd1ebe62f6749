import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { integrationJsonSchema } from '../../scripts/integrationSchema'

describe('docs/integration.schema.json', () => {
  it('is what the zod schema says (run: npx tsx scripts/write-integration-schema.ts)', () => {
    const published = JSON.parse(
      readFileSync(resolve(import.meta.dirname, '../../docs/integration.schema.json'), 'utf8'),
    )
    expect(published).toEqual(integrationJsonSchema())
  })
})
