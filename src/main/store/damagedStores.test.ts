import { readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { nodePlatform } from '../../../tests/support/nodePlatform'
import { createServices } from '../services'

const integration = {
  name: 'Vendor',
  grant: 'client_credentials',
  tokenUrl: 'https://vendor.test/token',
  clientId: 'client-1',
  clientSecret: 'secret-1',
}

/** A user-data folder with two saved integrations, then a file of it overwritten with `content`. */
function folderWith(
  file: string,
  content: (original: Record<string, unknown>, saved: { second: { id: string } }) => unknown,
) {
  const start = nodePlatform()
  const services = createServices(start.platform)
  const first = services.repository.save({ integration })
  const second = services.repository.save({
    integration: { ...integration, name: 'Other', clientSecret: 'secret-2' },
  })
  services.history.add(
    {
      id: 'exchange-1',
      purpose: 'token',
      startedAt: new Date().toISOString(),
      durationMs: 1,
      request: { method: 'POST', url: 'https://vendor.test/token', headers: [], body: null },
    },
    { integrationId: first.id, integrationName: 'Vendor' },
  )
  services.history.flush()
  const path = join(start.userData, file)
  if (file === 'integrations.json') writeAsBeforeWorkspaces(start.userData, services)
  const damaged = JSON.stringify(content(JSON.parse(readFileSync(path, 'utf8')), { second }))
  writeFileSync(path, damaged)
  return { start, path, damaged, first, second }
}

/**
 * The user-data folder as TokenDesk left it before workspaces: integrations.json holding every
 * integration (what the app migrates once into the default workspace), and no workspace folder.
 */
function writeAsBeforeWorkspaces(userData: string, services: ReturnType<typeof createServices>): void {
  const records = Object.fromEntries(
    services.workspaces
      .current()
      .integrations()
      .map(({ id, integration }) => [
        id,
        {
          id,
          integration,
          tokenStorage: 'session',
          createdAt: '2026-11-01T00:00:00.000Z',
          updatedAt: '2026-11-01T00:00:00.000Z',
        },
      ]),
  )
  services.workspaces.close()
  rmSync(join(userData, 'workspace'), { recursive: true, force: true })
  writeFileSync(join(userData, 'integrations.json'), JSON.stringify({ version: 1, integrations: records }))
}

/** The app starting again over the folder. */
function restart(start: ReturnType<typeof nodePlatform>) {
  const services = createServices({ ...start.platform, now: () => Date.parse('2026-11-24T10:00:00Z') })
  return { services, notices: services.storageStatus().recoveries }
}

describe('stores of the wrong shape are set aside like unparsable ones, and what was kept is told', () => {
  it('integrations.json whose integrations are a list: the app starts, the file is kept aside', () => {
    const { start, path, damaged } = folderWith('integrations.json', () => ({
      version: 1,
      integrations: [1, 2],
    }))
    const { services, notices } = restart(start)
    expect(services.repository.list()).toEqual([])
    expect(notices).toEqual([
      {
        store: 'integrations',
        movedTo: `${path}.damaged-2026-11-24T10-00-00-000Z`,
        reason: '"integrations" is not a list of integrations; kept no integrations',
      },
    ])
    expect(readFileSync(notices[0]!.movedTo, 'utf8')).toBe(damaged)
  })

  it('integrations.json with one record of another shape: the other is kept, with its secrets', () => {
    const { start, first } = folderWith('integrations.json', (original, { second }) => ({
      ...original,
      integrations: {
        ...(original.integrations as Record<string, unknown>),
        [second.id]: { id: second.id, integration: 'not an object' },
      },
    }))
    const { services, notices } = restart(start)
    expect(services.repository.list().map((each) => each.id)).toEqual([first.id])
    expect(services.repository.getWithSecrets(first.id).clientSecret).toBe('secret-1')
    expect(notices.map((each) => each.reason)).toEqual([
      '1 of 2 integrations were not in the form TokenDesk writes; kept the other 1',
    ])
  })

  it('integrations.json that is a JSON array at the top: set aside, reported', () => {
    const { start, damaged } = folderWith('integrations.json', () => [])
    const { services, notices } = restart(start)
    expect(services.repository.list()).toEqual([])
    expect(notices.map((each) => [each.store, each.reason])).toEqual([
      ['integrations', 'JSON, but not the object TokenDesk writes; kept nothing'],
    ])
    expect(readFileSync(notices[0]!.movedTo, 'utf8')).toBe(damaged)
  })

  it('vault.json whose entries are a string: a copy is kept aside instead of every secret being emptied', () => {
    const { start, path, damaged, first } = folderWith('vault.json', () => ({ entries: 'garbage' }))
    const { services, notices } = restart(start)
    expect(notices).toEqual([
      {
        store: 'vault',
        movedTo: `${path}.damaged-2026-11-24T10-00-00-000Z`,
        reason: '"entries" is not a list of integrations’ secrets; kept no secrets',
      },
    ])
    expect(readFileSync(notices[0]!.movedTo, 'utf8')).toBe(damaged)
    // The integration is still there; only its secret must be typed again.
    expect(services.repository.getWithSecrets(first.id).clientSecret).toBeUndefined()
  })

  it('vault.json with one entry of another shape: the other integration keeps its secret', () => {
    const { start, first, second } = folderWith('vault.json', (original, { second }) => ({
      entries: { ...(original.entries as Record<string, unknown>), [second.id]: { config: 42 } },
    }))
    const { services, notices } = restart(start)
    expect(services.repository.getWithSecrets(first.id).clientSecret).toBe('secret-1')
    expect(services.repository.getWithSecrets(second.id).clientSecret).toBeUndefined()
    expect(notices.map((each) => [each.store, each.reason])).toEqual([
      [
        'vault',
        '1 of 2 integrations’ secrets were not in the form TokenDesk writes; kept the secrets of 1 integration',
      ],
    ])
  })

  it('history.json whose entries are an object: set aside, reported, history starts empty', () => {
    const { start, damaged } = folderWith('history.json', () => ({ entries: { not: 'a list' } }))
    const { services, notices } = restart(start)
    expect(services.history.list()).toEqual([])
    expect(notices.map((each) => [each.store, each.reason])).toEqual([
      ['history', '"entries" is not a list of exchanges; kept no history'],
    ])
    expect(readFileSync(notices[0]!.movedTo, 'utf8')).toBe(damaged)
  })

  it('history.json with an entry of another shape: the good entries are kept', () => {
    const { start } = folderWith('history.json', (original) => ({
      entries: [...(original.entries as unknown[]), 'not an entry', { id: 7 }],
    }))
    const { services, notices } = restart(start)
    expect(services.history.list().map((each) => each.id)).toEqual(['exchange-1'])
    expect(notices.map((each) => each.reason)).toEqual([
      '2 of 3 history entries were not in the form TokenDesk writes; kept the other 1',
    ])
  })
})
