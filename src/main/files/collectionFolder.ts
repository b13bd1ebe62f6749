import { lstat, readdir, readFile, realpath } from 'node:fs/promises'
import { join, relative, sep } from 'node:path'
import { ERR_IMPORT_TOO_LARGE, ERR_IMPORT_UNRECOGNIZED } from '../../shared/errorCodes'
import { TokenDeskError } from '../errors'

/** Bounds of one folder import: a real Bruno collection is a few hundred small files. */
export const FOLDER_LIMITS = {
  /** Files and folders looked at (read or not). */
  entries: 10_000,
  /** Bytes of `.bru` and `bruno.json` read, all files together. */
  bytes: 20 * 1024 * 1024,
  /** Folders below the one picked. */
  depth: 64,
}

/** Folders a collection never keeps requests in. */
const SKIPPED_FOLDERS = new Set(['node_modules', '.git'])

export interface CollectionFolder {
  /** The `.bru` files and `bruno.json`, paths relative to the folder picked, `/` between parts. */
  files: Array<{ path: string; text: string }>
  /** What was left unread, said to the user. */
  warnings: string[]
}

/**
 * Reads a Bruno collection folder: breadth first with a queue (no recursion), within FOLDER_LIMITS,
 * never following a symbolic link (a link could lead out of the folder, or round in a loop).
 */
export async function readCollectionFolder(
  folder: string,
  limits: typeof FOLDER_LIMITS = FOLDER_LIMITS,
): Promise<CollectionFolder> {
  const root = await realpath(folder)
  if (!(await isFile(join(root, 'bruno.json')))) {
    throw new TokenDeskError(
      ERR_IMPORT_UNRECOGNIZED,
      'This folder is not a Bruno collection: it has no bruno.json. Pick the folder that holds bruno.json.',
      { details: { folder } },
    )
  }
  const files: CollectionFolder['files'] = []
  let entries = 0
  let bytes = 0
  let links = 0
  let tooDeep = false
  const queue: Array<{ directory: string; depth: number }> = [{ directory: root, depth: 0 }]
  while (queue.length) {
    const { directory, depth } = queue.shift()!
    for (const entry of await readdir(directory, { withFileTypes: true })) {
      if (++entries > limits.entries)
        throw tooLarge(`more than ${limits.entries.toLocaleString('en')} files and folders`)
      const path = join(directory, entry.name)
      if (entry.isSymbolicLink()) links++
      else if (entry.isDirectory()) {
        if (SKIPPED_FOLDERS.has(entry.name) || entry.name.startsWith('.')) continue
        if (depth + 1 > limits.depth) tooDeep = true
        else queue.push({ directory: path, depth: depth + 1 })
      } else if (
        entry.isFile() &&
        (entry.name.toLowerCase().endsWith('.bru') || entry.name === 'bruno.json')
      ) {
        const size = (await lstat(path)).size
        bytes += size
        if (bytes > limits.bytes) throw tooLarge(`more than ${limits.bytes / 1024 / 1024} MB of .bru files`)
        files.push({ path: relative(root, path).split(sep).join('/'), text: await readFile(path, 'utf8') })
      }
    }
  }
  const warnings: string[] = []
  if (links)
    warnings.push(
      `${links} symbolic link${links === 1 ? ' was' : 's were'} not followed; copy what they point to into the collection to import it.`,
    )
  if (tooDeep)
    warnings.push(
      `Folders nested more than ${limits.depth} levels deep were not read; move their requests higher up to import them.`,
    )
  return { files, warnings }
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await lstat(path)).isFile()
  } catch {
    return false
  }
}

function tooLarge(what: string): TokenDeskError {
  return new TokenDeskError(
    ERR_IMPORT_TOO_LARGE,
    `This folder holds ${what}; it is not a Bruno collection TokenDesk can import. Pick the collection's own folder (the one with bruno.json).`,
  )
}
