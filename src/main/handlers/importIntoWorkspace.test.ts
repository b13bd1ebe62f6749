import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { nodePlatform } from '../../../tests/support/nodePlatform'
import { createServices } from '../services'
import { importedEntries, importEnvironments } from './importIntoWorkspace'

describe('an import with folders and environments becomes part of the workspace', () => {
  it('files each integration in its folder and adds the environments, secret values in the vault only', () => {
    const services = createServices({ ...nodePlatform().platform, watchWorkspace: false })
    // What an importer gives for a collection with folders and an environments file.
    const result = {
      integrations: [
        {
          name: 'List employees',
          grant: 'client_credentials',
          tokenUrl: '{{host}}/token',
          folder: ['Payroll', 'Employees'],
        },
        { name: 'Ping', grant: 'client_credentials', tokenUrl: 'https://ping.test/token' },
      ],
      environments: [
        {
          name: 'staging',
          variables: [
            { name: 'host', value: 'https://staging.test', secret: false },
            { name: 'client_secret', value: 'imported-secret-42', secret: true },
          ],
        },
      ],
    }
    expect(importEnvironments(services.environments, result)).toEqual([])
    for (const { integration, folder } of importedEntries(result))
      services.repository.save({ integration, folder })

    expect(services.repository.list().map((each) => [each.name, each.folder])).toEqual([
      ['List employees', ['Payroll', 'Employees']],
      ['Ping', undefined],
    ])
    const root = services.workspaces.info().path
    const environmentFile = readFileSync(join(root, 'environments', 'staging.json'), 'utf8')
    expect(environmentFile).not.toContain('imported-secret-42')
    expect(services.environments.state().environments[0]!.variables).toEqual([
      { name: 'host', value: 'https://staging.test', secret: false, isSet: true },
      { name: 'client_secret', secret: true, isSet: true },
    ])

    // Importing again keeps what the user has and adds only what is new, saying so.
    const again = importEnvironments(services.environments, {
      environments: [
        {
          name: 'staging',
          variables: [
            { name: 'host', value: 'https://other.test', secret: false },
            { name: 'tenant', value: 't1', secret: false },
          ],
        },
      ],
    })
    expect(again).toEqual([
      'Environment "staging": kept your 1 variable of the same name; the imported value was not used.',
    ])
    expect(
      services.environments.state().environments[0]!.variables.map((each) => [each.name, each.value]),
    ).toEqual([
      ['host', 'https://staging.test'],
      ['client_secret', undefined],
      ['tenant', 't1'],
    ])
  })

  it('an import without folders or environments (the fields absent) lands at the top, as before', () => {
    const services = createServices({ ...nodePlatform().platform, watchWorkspace: false })
    expect(importEnvironments(services.environments, { integrations: [] })).toEqual([])
    expect(importedEntries({ integrations: [{ grant: 'client_credentials', name: 'Plain' }] })).toEqual([
      { integration: { grant: 'client_credentials', name: 'Plain' }, folder: undefined },
    ])
  })
})
