import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ERR_IMPORT_TOO_LARGE, ERR_IMPORT_UNRECOGNIZED } from '../../shared/errorCodes'
import { readCollectionFolder } from './collectionFolder'

function collection(): string {
  const root = mkdtempSync(join(tmpdir(), 'tokendesk-bruno-'))
  writeFileSync(join(root, 'bruno.json'), '{"version": "1", "name": "Shop", "type": "collection"}')
  writeFileSync(join(root, 'collection.bru'), 'meta {\n  name: Shop\n}\n')
  return root
}

async function refusal(run: Promise<unknown>): Promise<{ code?: string; message: string }> {
  try {
    await run
  } catch (error) {
    return error as { code?: string; message: string }
  }
  throw new Error('expected the folder to be refused')
}

describe('reading a Bruno collection folder', () => {
  it('reads bruno.json and the .bru files below it, paths relative with "/", and nothing else', async () => {
    const root = collection()
    mkdirSync(join(root, 'Orders', 'Refunds'), { recursive: true })
    mkdirSync(join(root, 'node_modules', 'x'), { recursive: true })
    writeFileSync(join(root, 'Orders', 'Refunds', 'Refund.bru'), 'meta {\n  name: Refund\n}\n')
    writeFileSync(join(root, 'node_modules', 'x', 'ignored.bru'), 'meta {\n}\n')
    writeFileSync(join(root, '.env'), 'SECRET=never-read')
    const { files, warnings } = await readCollectionFolder(root)
    expect(files.map((file) => file.path).sort()).toEqual([
      'Orders/Refunds/Refund.bru',
      'bruno.json',
      'collection.bru',
    ])
    expect(warnings).toEqual([])
  })

  it('refuses a folder without bruno.json, saying which folder to pick', async () => {
    const root = mkdtempSync(join(tmpdir(), 'tokendesk-not-bruno-'))
    expect(await refusal(readCollectionFolder(root))).toMatchObject({
      code: ERR_IMPORT_UNRECOGNIZED,
      message:
        'This folder is not a Bruno collection: it has no bruno.json. Pick the folder that holds bruno.json.',
    })
  })

  it('never follows a symbolic link out of the folder, and says so', async () => {
    const root = collection()
    const outside = mkdtempSync(join(tmpdir(), 'tokendesk-outside-'))
    writeFileSync(join(outside, 'secret.bru'), 'auth:oauth2 {\n  client_secret: outside\n}\n')
    symlinkSync(outside, join(root, 'linked-folder'))
    symlinkSync(join(outside, 'secret.bru'), join(root, 'linked.bru'))
    const { files, warnings } = await readCollectionFolder(root)
    expect(files.map((file) => file.path).sort()).toEqual(['bruno.json', 'collection.bru'])
    expect(warnings).toEqual([
      '2 symbolic links were not followed; copy what they point to into the collection to import it.',
    ])
  })

  it("refuses a folder of more than 10,000 sub-folders, saying to pick the collection's own folder", async () => {
    const root = collection()
    for (let index = 0; index < 10_001; index++) mkdirSync(join(root, `f${index}`))
    expect(await refusal(readCollectionFolder(root))).toMatchObject({
      code: ERR_IMPORT_TOO_LARGE,
      message:
        "This folder holds more than 10,000 files and folders; it is not a Bruno collection TokenDesk can import. Pick the collection's own folder (the one with bruno.json).",
    })
  })

  it('stops at the byte and depth limits', async () => {
    const root = collection()
    writeFileSync(join(root, 'big.bru'), 'x'.repeat(2048))
    expect((await refusal(readCollectionFolder(root, { entries: 100, bytes: 1024, depth: 64 }))).code).toBe(
      ERR_IMPORT_TOO_LARGE,
    )
    const deep = collection()
    mkdirSync(join(deep, 'a', 'b', 'c'), { recursive: true })
    writeFileSync(join(deep, 'a', 'b', 'c', 'Deep.bru'), 'meta {\n}\n')
    const { files, warnings } = await readCollectionFolder(deep, {
      entries: 100,
      bytes: 1024 * 1024,
      depth: 2,
    })
    expect(files.map((file) => file.path)).not.toContain('a/b/c/Deep.bru')
    expect(warnings).toEqual([
      'Folders nested more than 2 levels deep were not read; move their requests higher up to import them.',
    ])
  })
})
