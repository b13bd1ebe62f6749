import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ERR_IMPORT_UNRECOGNIZED } from '../../shared/errorCodes'
import { importBrunoFolder } from './index'

const root = new URL('./fixtures/bruno-orders/', import.meta.url).pathname
const fixtureFiles = readdirSync(root, { recursive: true, encoding: 'utf8' })
  .map((name) => join(root, name))
  .filter((path) => statSync(path).isFile())
  .map((path) => ({ path: relative(root, path), text: readFileSync(path, 'utf8') }))

describe('a Bruno collection folder', () => {
  const result = importBrunoFolder(fixtureFiles)

  it('keeps each integration under its folders, named by folder.bru and the request meta', () => {
    expect(result.integrations.map((each) => [each.folder ?? [], each.name])).toEqual([
      [[], 'Orders API'],
      [['Orders API'], 'Back office'],
      [['Orders API', 'Orders'], 'List orders'],
    ])
  })

  it('keeps environment variables as {{name}} and fills in folder variables', () => {
    expect(result.integrations[1]).toEqual({
      format: 'tokendesk.integration/1',
      name: 'Back office',
      folder: ['Orders API'],
      grant: 'client_credentials',
      tokenUrl: '{{oidcIssuer}}/token',
      clientId: '{{postClientId}}',
      clientSecret: '{{postClientSecret}}',
      clientAuth: 'body',
      scope: ['api:read'],
      api: { tokenPlacement: 'header' },
    })
  })

  it('reads the collection from a parent folder too, and the same from Windows paths', () => {
    const nested = importBrunoFolder(
      fixtureFiles.map((file) => ({ ...file, path: `orders\\${file.path.replace(/\//g, '\\')}` })),
    )
    expect(nested).toEqual(result)
  })

  it('says which .bru file is broken and reads the others', () => {
    const broken = importBrunoFolder([
      ...fixtureFiles,
      { path: 'Orders/Broken.bru', text: 'meta {\n  name: x\n' },
    ])
    expect(broken.integrations).toHaveLength(3)
    expect(broken.warnings).toContain(
      '"Orders/Broken.bru" is not a valid Bruno .bru file and was not read: The block "meta" opened on line 1 is never closed.',
    )
  })

  it('refuses files without bruno.json, saying which folder to pick', () => {
    expect(() => importBrunoFolder([{ path: 'collection.bru', text: 'meta {\n}\n' }])).toThrow(
      expect.objectContaining({
        code: ERR_IMPORT_UNRECOGNIZED,
        message: expect.stringContaining('Pick the folder that holds bruno.json'),
      }),
    )
  })
})
