import { createHash, randomBytes, randomUUID } from 'node:crypto'
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
  writeSync,
} from 'node:fs'
import { basename, dirname, join, relative, sep } from 'node:path'
import { ERR_WORKSPACE_CONFLICT, ERR_WORKSPACE_INVALID } from '../../shared/errorCodes'
import { isPlainRecord } from '../../shared/secretFields'
import { TokenDeskError } from '../errors'
import { withFileLock } from '../store/fileLock'
import { canonicalJson } from './canonicalJson'
import { readEnvironmentFile, writeEnvironmentFile, type WorkspaceEnvironment } from './environmentFile'
import { folderPathOf, freeFileName, slugOf } from './fileNames'
import { readIntegrationFile, writeIntegrationFile, type WorkspaceIntegration } from './integrationFile'

export const MANIFEST_FILE = 'tokendesk.workspace.json'
export const WORKSPACE_FORMAT = 'tokendesk.workspace/1'
export const ENVIRONMENTS_FOLDER = 'environments'

const MAX_FILE_BYTES = 1024 * 1024
const MAX_FILES = 5_000
const MAX_DEPTH = 8

/** An integration as the workspace holds it: where its file is and the content hash last read or written. */
export interface IntegrationEntry extends WorkspaceIntegration {
  /** Relative to the workspace, with "/" (e.g. "Payroll/list-employees.json"). */
  file: string
  folder: string[]
  /** SHA-256 of the file's bytes: its revision. */
  hash: string
  modifiedAt: string
}

export interface EnvironmentEntry extends WorkspaceEnvironment {
  file: string
  hash: string
}

export interface WriteOptions {
  /** The revision the user edited; a file changed since is a conflict. */
  expectedRevision?: string
  /** "Keep mine": write even though the file changed on disk. */
  overwrite?: boolean
}

/**
 * A workspace: a folder of plain files (one integration per file, sub-folders as folders,
 * environments in `environments/`), and nothing secret. Every write checks the file still holds what
 * was last read, so a change on disk (a `git pull`, an editor, another window) is never overwritten
 * unseen: it is a conflict the user resolves. Files are written atomically (temp file + rename).
 */
export class WorkspaceFolder {
  private integrationsById = new Map<string, IntegrationEntry>()
  private environmentsByName = new Map<string, EnvironmentEntry>()
  private problemList: Array<{ path: string; message: string }> = []

  private constructor(
    readonly root: string,
    readonly id: string,
    readonly name: string,
  ) {}

  /** Opens `root` as a workspace, writing its manifest (id and name) when it has none yet. */
  static open(root: string, defaultName: string): WorkspaceFolder {
    let stats
    try {
      stats = statSync(root)
    } catch {
      mkdirSync(root, { recursive: true })
      stats = statSync(root)
    }
    if (!stats.isDirectory())
      throw new TokenDeskError(ERR_WORKSPACE_INVALID, `${root} is not a folder. Choose a folder to open.`)
    const { id, name } = readOrCreateManifest(root, defaultName)
    const workspace = new WorkspaceFolder(root, id, name)
    workspace.rescan()
    return workspace
  }

  /** Reads an existing workspace without writing anything (the command line): no manifest, no workspace. */
  static read(root: string): WorkspaceFolder {
    if (!existsSync(join(root, MANIFEST_FILE)))
      throw new TokenDeskError(
        ERR_WORKSPACE_INVALID,
        `${root} is not a TokenDesk workspace (it has no ${MANIFEST_FILE}). Open it in the app once, or pass the folder that has it.`,
        { field: 'workspace' },
      )
    const { id, name } = readOrCreateManifest(root, basename(root))
    const workspace = new WorkspaceFolder(root, id, name)
    workspace.rescan()
    return workspace
  }

  integrations(): IntegrationEntry[] {
    return [...this.integrationsById.values()]
  }

  integration(id: string): IntegrationEntry | undefined {
    return this.integrationsById.get(id)
  }

  environments(): EnvironmentEntry[] {
    return [...this.environmentsByName.values()].sort((a, b) => a.name.localeCompare(b.name))
  }

  environment(name: string): EnvironmentEntry | undefined {
    return this.environmentsByName.get(name)
  }

  problems(): Array<{ path: string; message: string }> {
    return [...this.problemList]
  }

  /** Reads the folder again; true when anything the app shows changed. */
  rescan(): boolean {
    const before = this.fingerprint()
    const integrations = new Map<string, IntegrationEntry>()
    const environments = new Map<string, EnvironmentEntry>()
    const problems: Array<{ path: string; message: string }> = []
    for (const file of listJsonFiles(this.root)) {
      const read = readCapped(join(this.root, file))
      if ('problem' in read) {
        problems.push({ path: file, message: read.problem })
        continue
      }
      const hash = sha256(read.bytes)
      try {
        if (file.startsWith(`${ENVIRONMENTS_FOLDER}/`)) {
          const known = [...this.environmentsByName.values()].find((each) => each.file === file)
          const entry =
            known?.hash === hash
              ? known
              : { ...readEnvironmentFile(read.bytes.toString('utf8'), file), file, hash }
          if (environments.has(entry.name)) {
            problems.push({
              path: file,
              message: `another file already names the environment "${entry.name}"`,
            })
            continue
          }
          environments.set(entry.name, entry)
          continue
        }
        const known = [...this.integrationsById.values()].find((each) => each.file === file)
        const entry: IntegrationEntry =
          known?.hash === hash
            ? known
            : {
                ...readIntegrationFile(read.bytes.toString('utf8'), file),
                file,
                folder: file.split('/').slice(0, -1),
                hash,
                modifiedAt: read.modifiedAt,
              }
        const twin = integrations.get(entry.id)
        if (twin) {
          problems.push({
            path: file,
            message: `it has the same "id" as ${twin.file} (a copied file?): give it another id to use both`,
          })
          continue
        }
        integrations.set(entry.id, entry)
      } catch (error) {
        problems.push({ path: file, message: messageOf(error, file) })
      }
    }
    this.integrationsById = integrations
    this.environmentsByName = environments
    this.problemList = problems
    return this.fingerprint() !== before
  }

  /** Writes one integration's file (a new one gets a file named after it); returns it as stored. */
  putIntegration(
    integration: WorkspaceIntegration,
    options: WriteOptions & { folder?: readonly string[] } = {},
  ): IntegrationEntry {
    const existing = this.integrationsById.get(integration.id)
    const folder = options.folder ? folderPathOf(options.folder) : (existing?.folder ?? [])
    const content = writeIntegrationFile(integration)
    let file = existing?.file
    if (existing)
      this.assertUnchanged(
        existing,
        options,
        `the integration "${integration.integration.name ?? existing.file}"`,
      )
    if (!file || !sameFolder(existing!.folder, folder)) {
      const base = existing ? basename(existing.file, '.json') : slugOf(integration.integration.name ?? '')
      file = this.createFile(folder, base, content)
      // A move: git sees the old file go and the new one come with the same content.
      if (existing) rmSync(join(this.root, existing.file), { force: true })
    } else {
      this.replaceFile(file, content, existing!.hash, options.overwrite === true)
    }
    const entry: IntegrationEntry = {
      ...integration,
      file,
      folder,
      hash: sha256(Buffer.from(content)),
      modifiedAt: new Date().toISOString(),
    }
    this.integrationsById.set(integration.id, entry)
    return entry
  }

  removeIntegration(id: string, options: WriteOptions = {}): void {
    const existing = this.integrationsById.get(id)
    if (!existing) return
    this.assertUnchanged(existing, options, `the integration "${existing.integration.name ?? existing.file}"`)
    rmSync(join(this.root, existing.file), { force: true })
    this.integrationsById.delete(id)
  }

  putEnvironment(
    environment: WorkspaceEnvironment,
    options: WriteOptions & { previousName?: string } = {},
  ): EnvironmentEntry {
    const existing = this.environmentsByName.get(options.previousName ?? environment.name)
    const clash = this.environmentsByName.get(environment.name)
    if (clash && clash !== existing)
      throw new TokenDeskError(
        ERR_WORKSPACE_INVALID,
        `There is already an environment named "${environment.name}". Choose another name.`,
        { field: 'name' },
      )
    const content = writeEnvironmentFile(environment)
    let file: string
    if (existing) {
      this.assertUnchanged(existing, options, `the environment "${existing.name}"`)
      file = existing.file
      this.replaceFile(file, content, existing.hash, options.overwrite === true)
    } else {
      file = this.createFile([ENVIRONMENTS_FOLDER], slugOf(environment.name), content)
    }
    const entry: EnvironmentEntry = { ...environment, file, hash: sha256(Buffer.from(content)) }
    if (existing) this.environmentsByName.delete(existing.name)
    this.environmentsByName.set(environment.name, entry)
    return entry
  }

  removeEnvironment(name: string, options: WriteOptions = {}): void {
    const existing = this.environmentsByName.get(name)
    if (!existing) return
    this.assertUnchanged(existing, options, `the environment "${name}"`)
    rmSync(join(this.root, existing.file), { force: true })
    this.environmentsByName.delete(name)
  }

  /** What the app shows, as one string: changes when any file's content, place or problem changes. */
  private fingerprint(): string {
    return JSON.stringify([
      [...this.integrationsById.values()].map((each) => [each.file, each.hash]),
      [...this.environmentsByName.values()].map((each) => [each.file, each.hash]),
      this.problemList,
    ])
  }

  /** The revision the user edited must still be the one on disk, unless they chose "Keep mine". */
  private assertUnchanged(entry: { file: string; hash: string }, options: WriteOptions, what: string): void {
    if (options.overwrite) return
    const onDisk = hashOnDisk(join(this.root, entry.file))
    if (onDisk !== entry.hash || (options.expectedRevision && options.expectedRevision !== entry.hash))
      throw conflict(entry.file, what, onDisk === undefined)
  }

  /** Replaces a file only if it still holds `expectedHash` (checked under its lock), atomically. */
  private replaceFile(file: string, content: string, expectedHash: string, overwrite: boolean): void {
    const path = join(this.root, file)
    withFileLock(path, () => {
      const onDisk = hashOnDisk(path)
      if (!overwrite && onDisk !== expectedHash) throw conflict(file, file, onDisk === undefined)
      mkdirSync(dirname(path), { recursive: true })
      const temporary = `${path}.${randomBytes(6).toString('hex')}.tmp`
      writeFileSync(temporary, content, { encoding: 'utf8', mode: 0o644 })
      renameSync(temporary, path)
    })
  }

  /** A new file in `folder`, never over an existing one (another process may create one meanwhile). */
  private createFile(folder: readonly string[], base: string, content: string): string {
    const directory = join(this.root, ...folder)
    mkdirSync(directory, { recursive: true })
    for (let attempt = 0; attempt < 1000; attempt++) {
      const name = freeFileName(base, (candidate) => existsSync(join(directory, candidate)))
      try {
        const fd = openSync(join(directory, name), 'wx', 0o644)
        try {
          writeSync(fd, content)
        } finally {
          closeSync(fd)
        }
        return [...folder, name].join('/')
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      }
    }
    throw new TokenDeskError(ERR_WORKSPACE_INVALID, `No free file name for "${base}" in ${directory}.`)
  }
}

function readOrCreateManifest(root: string, defaultName: string): { id: string; name: string } {
  const path = join(root, MANIFEST_FILE)
  const fresh = { format: WORKSPACE_FORMAT, id: randomUUID(), name: defaultName }
  try {
    // Exclusive create: two processes opening a new workspace at once agree on one id.
    const fd = openSync(path, 'wx', 0o644)
    try {
      writeSync(
        fd,
        canonicalJson(fresh, () => ['format', 'id', 'name']),
      )
    } finally {
      closeSync(fd)
    }
    return fresh
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
  }
  let value: unknown
  try {
    value = JSON.parse(readFileSync(path, 'utf8'))
  } catch (error) {
    throw new TokenDeskError(
      ERR_WORKSPACE_INVALID,
      `${path} is not valid JSON (${(error as Error).message}). Fix it, or restore it from git.`,
    )
  }
  if (!isPlainRecord(value) || typeof value.id !== 'string' || !/^[A-Za-z0-9-]{8,100}$/.test(value.id))
    throw new TokenDeskError(
      ERR_WORKSPACE_INVALID,
      `${path} has no workspace "id". Restore it from git: every teammate's secrets are kept under that id.`,
    )
  return { id: value.id, name: typeof value.name === 'string' && value.name ? value.name : defaultName }
}

/** Every `.json` file but the manifest, relative with "/"; hidden folders (.git) and node_modules skipped. */
export function listJsonFiles(root: string): string[] {
  const found: string[] = []
  const visit = (directory: string, depth: number) => {
    let names: string[]
    try {
      names = readdirSync(directory)
    } catch {
      return
    }
    for (const name of names.sort()) {
      if (found.length >= MAX_FILES) return
      if (name.startsWith('.') || name === 'node_modules') continue
      const path = join(directory, name)
      let stats
      try {
        stats = statSync(path)
      } catch {
        continue // removed meanwhile (an editor's atomic save)
      }
      if (stats.isDirectory()) {
        if (depth < MAX_DEPTH) visit(path, depth + 1)
      } else if (name.endsWith('.json') && !(depth === 0 && name === MANIFEST_FILE)) {
        found.push(relative(root, path).split(sep).join('/'))
      }
    }
  }
  visit(root, 0)
  return found
}

/** Every folder that holds workspace files, the root first: what the watcher watches. */
export function listFolders(root: string): string[] {
  const found = [root]
  const visit = (directory: string, depth: number) => {
    let entries
    try {
      entries = readdirSync(directory, { withFileTypes: true })
    } catch {
      return
    }
    for (const entry of entries) {
      if (!entry.isDirectory() || entry.name.startsWith('.') || entry.name === 'node_modules') continue
      if (found.length >= MAX_FILES) return
      const path = join(directory, entry.name)
      found.push(path)
      if (depth < MAX_DEPTH) visit(path, depth + 1)
    }
  }
  visit(root, 0)
  return found
}

function readCapped(path: string): { bytes: Buffer; modifiedAt: string } | { problem: string } {
  try {
    const stats = statSync(path)
    if (stats.size > MAX_FILE_BYTES) return { problem: 'larger than 1 MB; not an integration file' }
    return { bytes: readFileSync(path), modifiedAt: stats.mtime.toISOString() }
  } catch (error) {
    return { problem: `cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})` }
  }
}

function hashOnDisk(path: string): string | undefined {
  try {
    return sha256(readFileSync(path))
  } catch {
    return undefined
  }
}

function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex')
}

function sameFolder(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((part, index) => part === b[index])
}

function conflict(file: string, what: string, deleted: boolean): TokenDeskError {
  return new TokenDeskError(
    ERR_WORKSPACE_CONFLICT,
    deleted
      ? `${what} was deleted on disk (${file}) since you opened it. Reload from disk to let it go, or keep yours to write it again.`
      : `${what} changed on disk (${file}) since you opened it. Reload from disk to see the change, or keep yours to replace it.`,
    { details: { file, deleted } },
  )
}

function messageOf(error: unknown, file: string): string {
  if (!(error instanceof Error)) return 'cannot be read'
  return error.message.startsWith(`${file}: `) ? error.message.slice(file.length + 2) : error.message
}
