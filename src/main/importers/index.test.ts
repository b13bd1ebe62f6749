import { readFileSync, readdirSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import {
  ERR_IMPORT_UNRECOGNIZED,
  ERR_INTEGRATION_INVALID,
  ERR_PASSPHRASE_REQUIRED,
} from '../../shared/errorCodes'
import type { Integration } from '../../shared/integration'
import { TokenDeskError } from '../errors'
import { endpointUrlProblem } from '../integration/endpointUrl'
import { parseIntegration } from '../integration/parse'
import { writeIntegrationFile } from '../workspace/integrationFile'
import { writeExport } from '../store/exportFile'
import { ERR_IMPORT_MALFORMED, importIntegrations } from './index'

const samples = new URL('./samples/', import.meta.url)
const readSample = (name: string) => readFileSync(new URL(name, samples), 'utf8')

function thrown(run: () => unknown): TokenDeskError {
  try {
    run()
  } catch (error) {
    if (error instanceof TokenDeskError) return error
    throw error
  }
  throw new Error('expected a TokenDeskError')
}

const integration: Integration = {
  format: 'tokendesk.integration/1',
  name: 'Billing',
  grant: 'client_credentials',
  tokenUrl: 'https://id.example/token',
  clientId: 'billing',
  clientSecret: 'b1ll',
}

describe('importIntegrations', () => {
  it('recognises every sample by its content alone, and each integration passes parseIntegration', () => {
    const formats = readdirSync(samples).map((name) => {
      const result = importIntegrations({ text: readSample(name) })
      expect(result.integrations.length).toBeGreaterThan(0)
      for (const { folder: _folder, ...each } of result.integrations)
        expect(parseIntegration(each)).toEqual(each)
      return [name, result.format]
    })
    expect(Object.fromEntries(formats)).toEqual({
      'acme-billing.postman_collection.json': 'postman',
      'list-orders.bru': 'bruno',
      'payroll.insomnia.json': 'insomnia',
      'shop-api.bruno_collection.json': 'bruno',
    })
  })

  it('an imported URL holding a workspace variable is a valid draft, left for the environment to fill in', () => {
    const draft = {
      grant: 'client_credentials',
      tokenUrl: '{{baseUrl}}/oauth/token',
      clientId: '{{client_id}}',
    }
    expect(parseIntegration(draft)).toEqual(draft)
    expect(endpointUrlProblem('{{baseUrl}}/oauth/token')).toBeUndefined()
  })

  it('reads TokenDesk integrations: one object, a list, or { integrations }', () => {
    const expected = { format: 'tokendesk', integrations: [integration], warnings: [] }
    expect(importIntegrations({ text: JSON.stringify(integration) })).toEqual(expected)
    expect(importIntegrations({ text: JSON.stringify([integration]) })).toEqual(expected)
    expect(importIntegrations({ text: JSON.stringify({ integrations: [integration] }) })).toEqual(expected)
  })

  it('reads a TokenDesk export without secrets and lists what to fill in', () => {
    const text = writeExport([integration], { includeSecrets: false, now: new Date('2025-01-01T00:00:00Z') })
    const { clientSecret: _secret, ...withoutSecret } = integration
    expect(importIntegrations({ fileName: 'tokendesk-export.json', text })).toEqual({
      format: 'tokendesk',
      integrations: [withoutSecret],
      warnings: ['Integration "Billing": fill in "clientSecret" (secrets are not in the export).'],
    })
  })

  it('reads a workspace file picked on its own: its id stays behind, its needed secrets are listed', () => {
    const { clientSecret: _secret, ...withoutSecret } = integration
    const text = writeIntegrationFile({
      id: 'billing-7f3a',
      integration: withoutSecret,
      secretsNeeded: ['clientSecret'],
    })
    expect(importIntegrations({ fileName: 'billing.json', text })).toEqual({
      format: 'tokendesk',
      integrations: [withoutSecret],
      warnings: ['Integration "Billing": fill in "clientSecret" (secrets are not in the export).'],
    })
  })

  it('asks for the passphrase of an encrypted TokenDesk export', () => {
    const text = JSON.stringify({
      format: 'tokendesk.export/1',
      exportedAt: '2025-01-01T00:00:00Z',
      encrypted: {},
    })
    expect(thrown(() => importIntegrations({ text })).code).toBe(ERR_PASSPHRASE_REQUIRED)
  })

  it('says which TokenDesk integration of a list is invalid', () => {
    const error = thrown(() =>
      importIntegrations({
        text: JSON.stringify([integration, { ...integration, name: 'Typo', tokenUrll: 'x' }]),
      }),
    )
    expect(error.code).toBe(ERR_INTEGRATION_INVALID)
    expect(error.message).toBe('Integration 2 ("Typo"): Unknown field "tokenUrll". Did you mean "tokenUrl"?')
  })

  it('names the file, line and column of malformed JSON', () => {
    const error = thrown(() =>
      importIntegrations({
        fileName: 'broken.postman_collection.json',
        text: '{\n  "info": {\n    "name": "x",\n  }\n}',
      }),
    )
    expect(error.code).toBe(ERR_IMPORT_MALFORMED)
    expect(error.message).toMatch(
      /^"broken\.postman_collection\.json" is not valid JSON \(line 4, column 3\): /,
    )
    expect(error.details).toMatchObject({ fileName: 'broken.postman_collection.json', line: 4, column: 3 })
  })

  it('names the line of a malformed .bru file', () => {
    const error = thrown(() =>
      importIntegrations({ fileName: 'orders.bru', text: 'auth:oauth2 {\n  grant_type: password\n' }),
    )
    expect(error.code).toBe(ERR_IMPORT_MALFORMED)
    expect(error.message).toBe(
      '"orders.bru" is not a valid Bruno .bru file. The block "auth:oauth2" opened on line 1 is never closed.',
    )
  })

  it('refuses other files, saying which formats are accepted', () => {
    const error = thrown(() => importIntegrations({ fileName: 'openapi.json', text: '{"openapi": "3.1.0"}' }))
    expect(error.code).toBe(ERR_IMPORT_UNRECOGNIZED)
    expect(error.message).toBe(
      '"openapi.json" is not in a format TokenDesk imports. Accepted: a TokenDesk integration or export (JSON), a Postman Collection v2.1 and its environments (JSON), an Insomnia export v4 or v5 (YAML or JSON), a Bruno collection folder, export (JSON) or .bru file.',
    )
  })

  it('tells an old Postman collection, a Postman globals file and a Bruno bruno.json apart from what it reads', () => {
    const message = (text: string, fileName?: string) =>
      thrown(() => importIntegrations({ fileName, text })).message
    expect(
      message('{"info": {"schema": "https://schema.getpostman.com/json/collection/v1.0.0/collection.json"}}'),
    ).toContain('export it as Collection v2.1.')
    expect(message('{"name": "G", "values": [], "_postman_variable_scope": "globals"}')).toContain(
      'It is a Postman globals file',
    )
    const brunoJson =
      '{"version": "1", "name": "Shop", "type": "collection", "ignore": ["node_modules", ".git"]}'
    for (const fileName of ['bruno.json', undefined]) {
      expect(message(brunoJson, fileName)).toContain(
        'It is the bruno.json of a Bruno collection: choose "Import folder…" and pick the folder that holds it',
      )
    }
  })
})
