import { execFile } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { createServices } from '../services'
import { createAesGcmCipher } from '../vault/aesGcmCipher'
import { confStoreFactory } from './confStore'

const run = promisify(execFile)
const writer = resolve(import.meta.dirname, 'test/storeWriter.ts')

describe('two processes on one user-data folder', () => {
  it('two real processes saving integrations, secrets and history at once lose none of them', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'tokendesk-shared-'))
    const key = randomBytes(32)
    const count = 40
    const start = (tag: string) =>
      run(process.execPath, ['--import', 'tsx', writer], {
        env: {
          ...process.env,
          TOKENDESK_USER_DATA: folder,
          TAG: tag,
          COUNT: String(count),
          KEY: key.toString('hex'),
        },
        timeout: 120_000,
      })
    await Promise.all([start('app'), start('cli')])

    const reopened = createServices({
      stores: confStoreFactory(folder),
      cipher: createAesGcmCipher(key, 'os', 'test AES-256-GCM'),
      dialogs: { saveFile: async () => null, openFiles: async () => null, openFolder: async () => null },
      openExternal: async () => undefined,
    })
    const names = reopened.repository.list().map((each) => each.name)
    const expected = ['app', 'cli'].flatMap((tag) =>
      Array.from({ length: count }, (_, index) => `${tag}-${index}`),
    )
    expect(names.sort()).toEqual(expected.sort())
    for (const { id, name } of reopened.repository.list())
      expect(reopened.repository.getWithSecrets(id).clientSecret).toBe(`secret-${name}`)
    expect(
      reopened.history
        .list()
        .map((each) => each.integrationName)
        .sort(),
    ).toEqual(expected.sort())
    expect(reopened.storageStatus().recoveries).toEqual([])
  }, 150_000)
})
