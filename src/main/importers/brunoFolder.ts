import { ERR_IMPORT_MALFORMED, ERR_IMPORT_UNRECOGNIZED } from '../../shared/errorCodes'
import { TokenDeskError } from '../errors'
import { bruDictionary, BruSyntaxError, parseBruBlocks, type BruBlock } from './lib/bruLang'
import {
  definedNames,
  lookupIn,
  withSharedVariables,
  type ImportedEnvironment,
  type ImportedVariable,
  type Lookup,
} from './lib/environments'
import { isObject, MAX_NESTING, text, tooDeep } from './lib/json'
import type { ImportDraft } from './lib/toIntegration'
import { bruVariables, draftsFromBru, identify } from './bruno'

/** One file of a collection folder; `path` is relative to the folder picked, with `/` or `\` between parts. */
export interface FolderFile {
  path: string
  text: string
}

const CONFIG = 'bruno.json'

/**
 * A Bruno collection as it lives on disk: `bruno.json` (its name), `collection.bru` (collection
 * auth and variables), `environments/*.bru` (one environment each), and sub-folders of request
 * `.bru` files, each folder with an optional `folder.bru` (its name, auth and variables). Collection
 * variables go into every environment; folder and request variables are filled in.
 */
export function readBrunoFolder(files: FolderFile[]): {
  drafts: ImportDraft[]
  environments: ImportedEnvironment[]
} {
  const byPath = new Map(
    files.map((file) => [file.path.replace(/\\/g, '/').replace(/^\.?\//, ''), file.text]),
  )
  const rootPrefix = collectionRoot([...byPath.keys()])
  const inCollection = new Map<string, string>()
  for (const [path, content] of byPath) {
    if (path.startsWith(rootPrefix)) inCollection.set(path.slice(rootPrefix.length), content)
  }
  const config = readConfig(inCollection.get(CONFIG)!)
  const ignored = new Set(config.ignore)
  const drafts: ImportDraft[] = []
  const parsed = new Map<string, BruBlock[]>()
  for (const [path, content] of [...inCollection].sort(([a], [b]) => a.localeCompare(b))) {
    const parts = path.split('/')
    if (!path.toLowerCase().endsWith('.bru') || parts.some((part) => ignored.has(part))) continue
    try {
      parsed.set(path, parseBruBlocks(content))
    } catch (error) {
      if (!(error instanceof BruSyntaxError)) throw error
      drafts.push({
        label: path,
        skipped: `"${path}" is not a valid Bruno .bru file and was not read: ${error.message}`,
      })
    }
  }

  const collectionBlocks = parsed.get('collection.bru') ?? []
  const environments = withSharedVariables(
    [...parsed]
      .filter(([path]) => /^environments\/[^/]+\.bru$/i.test(path))
      .map(([path, blocks]) => environmentOf(path, blocks)),
    Object.entries(bruVariables(collectionBlocks)).map(([name, value]) => ({ name, value, secret: false })),
    `${config.name} variables`,
  )
  const workspaceVariable = definedNames(environments)
  drafts.push(
    ...draftsFromBru(collectionBlocks, {
      kind: 'collection',
      path: [config.name],
      scopes: [],
      workspaceVariable,
    }),
  )

  const folders = new Map<string, { names: string[]; scopes: Lookup[] }>([
    ['', { names: [config.name], scopes: [] }],
  ])
  const folderOf = (directory: string): { names: string[]; scopes: Lookup[] } => {
    const known = folders.get(directory)
    if (known) return known
    const cut = directory.lastIndexOf('/')
    const parent = folderOf(cut < 0 ? '' : directory.slice(0, cut))
    const blocks = parsed.get(`${directory}/folder.bru`) ?? []
    const name = identify(blocks, 'folder.bru').name
    const shown = name === 'Bruno folder' ? directory.slice(cut + 1) : name
    const folder = {
      names: [...parent.names, shown],
      scopes: [lookupIn(bruVariables(blocks)), ...parent.scopes],
    }
    folders.set(directory, folder)
    drafts.push(
      ...draftsFromBru(blocks, {
        kind: 'folder',
        path: folder.names,
        scopes: parent.scopes,
        workspaceVariable,
      }),
    )
    return folder
  }

  let tooDeepSeen = false
  for (const [path, blocks] of parsed) {
    const parts = path.split('/')
    const fileName = parts.pop()!
    if (parts[0] === 'environments' && parts.length === 1) continue
    if (parts.length > MAX_NESTING) {
      if (!tooDeepSeen) drafts.push(tooDeep('Bruno'))
      tooDeepSeen = true
      continue
    }
    if (parts.length === 0 && fileName === 'collection.bru') continue
    const folder = folderOf(parts.join('/'))
    if (fileName === 'folder.bru') continue
    const { name } = identify(blocks, fileName)
    drafts.push(
      ...draftsFromBru(blocks, {
        kind: 'request',
        path: [...folder.names, name],
        scopes: folder.scopes,
        workspaceVariable,
      }),
    )
  }
  return { drafts, environments }
}

/** The folder holding `bruno.json`, nearest the top: `""` when it is the folder picked, else `"name/"`. */
function collectionRoot(paths: string[]): string {
  const configs = paths
    .filter((path) => path === CONFIG || path.endsWith(`/${CONFIG}`))
    .sort((a, b) => a.split('/').length - b.split('/').length)
  const config = configs[0]
  if (config === undefined) {
    throw new TokenDeskError(
      ERR_IMPORT_UNRECOGNIZED,
      'This folder is not a Bruno collection: it has no bruno.json. Pick the folder that holds bruno.json.',
      { details: { accepted: ['a Bruno collection folder (with bruno.json)'] } },
    )
  }
  return config.slice(0, config.length - CONFIG.length)
}

function readConfig(content: string): { name: string; ignore: string[] } {
  let value: unknown
  try {
    value = JSON.parse(content)
  } catch (error) {
    throw new TokenDeskError(
      ERR_IMPORT_MALFORMED,
      `The collection's bruno.json is not valid JSON: ${error instanceof Error ? error.message : String(error)}.`,
      { details: { fileName: CONFIG }, cause: error },
    )
  }
  const config = isObject(value) ? value : {}
  const ignore = Array.isArray(config.ignore)
    ? config.ignore.map(text).filter((each) => each !== undefined)
    : []
  return {
    name: text(config.name)?.trim() || 'Bruno collection',
    ignore: ['node_modules', '.git', ...ignore],
  }
}

/** `environments/Staging.bru`: `vars { name: value }` and `vars:secret [ name, … ]` (values kept by Bruno, not in the file). */
function environmentOf(path: string, blocks: BruBlock[]): ImportedEnvironment {
  const variables = new Map<string, ImportedVariable>()
  for (const block of blocks) {
    if (block.name === 'vars') {
      for (const pair of bruDictionary(block)) {
        if (pair.enabled) variables.set(pair.key, { name: pair.key, value: pair.value, secret: false })
      }
    } else if (block.name === 'vars:secret') {
      for (const line of block.lines) {
        const name = line.trim().replace(/,$/, '').trim()
        if (name && !name.startsWith('~')) variables.set(name, { name, value: '', secret: true })
      }
    }
  }
  const name = path.slice(path.lastIndexOf('/') + 1).replace(/\.bru$/i, '')
  return { name, variables: [...variables.values()] }
}
