import { writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { integrationJsonSchema } from './integrationSchema'

const target = resolve(import.meta.dirname, '../docs/integration.schema.json')
writeFileSync(target, JSON.stringify(integrationJsonSchema(), null, 2) + '\n')
console.log(`wrote ${target}`)
