import { randomBytes } from 'node:crypto'
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  ERR_INTEGRATION_NOT_FOUND,
  ERR_PASSPHRASE_REQUIRED,
  ERR_PASSPHRASE_WRONG,
} from '../../shared/errorCodes'
import type { Integration } from '../../shared/integration'
import { createAesGcmCipher } from '../vault/aesGcmCipher'
import type { CipherStrength } from '../vault/secretCipher'
import { Vault } from '../vault/vault'
import { confStoreFactory } from './confStore'
import { decryptExport, stripPlaceholders, writeExport } from './exportFile'
import { IntegrationRepository } from './integrationRepository'
import { migrateIntegrationsFile } from './integrationsFile'
import { openRecovering, type RecoveryNotice } from './openRecovering'
import { Workspaces } from '../workspace/workspaces'

const secret = 'very-secret+/=&%é'
const apiKey = 'gateway-key-9f8e7d'

const sample: Integration = {
  name: 'Vendor',
  grant: 'client_credentials',
  tokenUrl: 'https://vendor.test/token',
  clientId: 'client-1',
  clientSecret: secret,
  tokenRequest: { headers: { 'x-api-key': apiKey, 'x-trace': 'visible' } },
}

function setup(strength: CipherStrength = 'os', weakAllowed = false) {
  const directory = mkdtempSync(join(tmpdir(), 'tokendesk-store-'))
  const factory = confStoreFactory(directory)
  const notices: RecoveryNotice[] = []
  const vault = new Vault(
    openRecovering(factory, 'vault', () => new Date(), notices),
    createAesGcmCipher(randomBytes(32), strength),
    {
      weakAllowed: () => weakAllowed,
    },
  )
  const preferences = openRecovering(factory, 'settings', () => new Date(), notices)
  const workspaces = new Workspaces(join(directory, 'workspace'), preferences, { watch: false })
  const repository = new IntegrationRepository(workspaces, vault, preferences)
  return { directory, factory, notices, vault, repository, workspaces }
}

function filesContain(directory: string, needle: string): string[] {
  const forms = [
    needle,
    encodeURIComponent(needle),
    Buffer.from(needle).toString('base64').replace(/=+$/, ''),
    JSON.stringify(needle).slice(1, -1),
  ]
  return readdirSync(directory, { recursive: true, encoding: 'utf8' })
    .filter((file) => statSync(join(directory, file)).isFile())
    .filter((file) => forms.some((form) => readFileSync(join(directory, file), 'utf8').includes(form)))
}

describe('integration storage', () => {
  it('keeps secrets only as ciphertext, apart from the integration, and gives them back whole', () => {
    const { directory, repository } = setup()
    const saved = repository.save({ integration: sample })
    expect(saved.integration.clientSecret).toBeUndefined()
    expect(saved.integration.tokenRequest?.headers).toEqual({ 'x-trace': 'visible' })
    expect(saved.secretsSet.sort()).toEqual(['clientSecret', 'tokenRequest.headers.x-api-key'])
    expect(repository.getWithSecrets(saved.id)).toEqual(sample)
    expect(filesContain(directory, secret)).toEqual([])
    expect(filesContain(directory, apiKey)).toEqual([])
  })

  it('keeps a saved secret the form left empty, and replaces one the user retyped', () => {
    const { repository } = setup()
    const { id } = repository.save({ integration: sample })
    const { clientSecret: _dropped, ...withoutSecret } = sample
    repository.save({
      id,
      integration: { ...withoutSecret, name: 'Renamed' },
      keepSecrets: ['clientSecret', 'tokenRequest.headers.x-api-key'],
    })
    expect(repository.getWithSecrets(id)).toMatchObject({ name: 'Renamed', clientSecret: secret })
    repository.save({ id, integration: { ...sample, clientSecret: 'new-secret' } })
    expect(repository.getWithSecrets(id).clientSecret).toBe('new-secret')
  })

  it('deletes with undo, duplicates with secrets', () => {
    const { repository } = setup()
    const { id } = repository.save({ integration: sample })
    const copy = repository.duplicate(id)
    expect(repository.getWithSecrets(copy.id)).toMatchObject({ name: 'Vendor (copy)', clientSecret: secret })
    repository.delete(id)
    expect(repository.list().map((each) => each.id)).toEqual([copy.id])
    repository.undoDelete(id)
    expect(repository.getWithSecrets(id).clientSecret).toBe(secret)
  })

  it('finds no integration under an id that names a built-in property, and says it no longer exists', () => {
    const { repository } = setup()
    repository.save({ integration: sample })
    for (const id of ['constructor', 'toString', '__proto__']) {
      expect(() => repository.getWithSecrets(id)).toThrow(
        expect.objectContaining({ code: ERR_INTEGRATION_NOT_FOUND }),
      )
    }
  })

  it('keeps secrets for the session only when encryption is weak and the user has not agreed', () => {
    const { directory, repository, vault } = setup('weak', false)
    const { id } = repository.save({ integration: sample })
    expect(vault.status()).toMatchObject({ strength: 'weak', persistent: false })
    expect(repository.getWithSecrets(id).clientSecret).toBe(secret)
    const vaultFile = readFileSync(join(directory, 'vault.json'), 'utf8')
    expect(JSON.parse(vaultFile).entries ?? {}).toEqual({})
  })

  it('moves a store damaged mid-write aside, tells what happened, and loses nothing else', () => {
    const { directory, factory, repository, workspaces } = setup()
    const { id } = repository.save({ integration: sample })
    const vaultPath = join(directory, 'vault.json')
    const whole = readFileSync(vaultPath, 'utf8')
    writeFileSync(vaultPath, whole.slice(0, whole.length / 2)) // cut off mid-write

    const notices: RecoveryNotice[] = []
    const reopened = openRecovering(factory, 'vault', () => new Date('2026-11-24T10:00:00Z'), notices)
    expect(notices).toEqual([
      {
        store: 'vault',
        movedTo: `${vaultPath}.damaged-2026-11-24T10-00-00-000Z`,
        reason: 'not valid JSON (cut off or overwritten)',
      },
    ])
    expect(readFileSync(notices[0]!.movedTo, 'utf8')).toBe(whole.slice(0, whole.length / 2))
    expect(reopened.get('entries')).toBeUndefined()
    // The integration is a workspace file of its own: still there, and it says which secret to type again.
    workspaces.refresh()
    expect(workspaces.current().integration(id)?.secretsNeeded).toEqual([
      'clientSecret',
      'tokenRequest.headers.x-api-key',
    ])
  })

  it('recovers a store filled with garbage', () => {
    const { directory, factory } = setup()
    writeFileSync(join(directory, 'history.json'), '\u0000\u0001garbage{{{')
    const notices: RecoveryNotice[] = []
    const store = openRecovering(factory, 'history', () => new Date(), notices)
    store.set('entries', [])
    expect(notices).toHaveLength(1)
  })

  it('migrates older files step by step and refuses files from a newer version', () => {
    const file = { version: 1, integrations: [{ id: 'a', integration: { grant: 'client_credentials' } }] }
    const toV2 = (integrations: unknown) =>
      Object.fromEntries(
        (integrations as Array<{ id: string }>).map((record) => [
          record.id,
          { ...record, tokenStorage: 'session' },
        ]),
      )
    expect(migrateIntegrationsFile(file, { 1: toV2 }, 2)).toEqual({
      integrations: { a: { id: 'a', integration: { grant: 'client_credentials' }, tokenStorage: 'session' } },
      changed: true,
    })
    expect(() => migrateIntegrationsFile({ version: 9, integrations: {} })).toThrow(/newer TokenDesk/)
  })
})

describe('export and import files', () => {
  it('exports without secrets by default, with placeholders that say what is missing', () => {
    const text = writeExport([sample], { includeSecrets: false, now: new Date() })
    expect(text).not.toContain(secret)
    expect(text).not.toContain(apiKey)
    const exported = JSON.parse(text).integrations[0] as Integration
    expect(exported.clientSecret).toBe('<secret not exported: clientSecret>')
    const { integration, missing } = stripPlaceholders(exported)
    expect(missing).toEqual(['clientSecret', 'tokenRequest.headers.x-api-key'])
    expect(integration.clientSecret).toBeUndefined()
    expect(integration.tokenRequest?.headers).toEqual({ 'x-trace': 'visible' })
  })

  it('round-trips secrets with a passphrase, and refuses a wrong one clearly', () => {
    const text = writeExport([sample], {
      includeSecrets: true,
      passphrase: 'correct horse battery',
      now: new Date(),
    })
    expect(text).not.toContain(secret)
    expect(JSON.parse(decryptExport(text, 'correct horse battery')).integrations).toEqual([sample])
    expect(() => decryptExport(text, 'wrong passphrase!')).toThrow(
      expect.objectContaining({ code: ERR_PASSPHRASE_WRONG }),
    )
    expect(() => decryptExport(text, undefined)).toThrow(
      expect.objectContaining({ code: ERR_PASSPHRASE_REQUIRED }),
    )
    expect(() =>
      writeExport([sample], { includeSecrets: true, passphrase: 'short', now: new Date() }),
    ).toThrow(/at least 10/)
  })
})
