import { basename, resolve } from 'node:path'
import type { WorkspaceInfo } from '../../shared/workspace'
import type { KeyValueStore } from '../store/keyValueStore'
import { WorkspaceFolder } from './workspaceFolder'
import { watchWorkspace } from './workspaceWatcher'

const DEFAULT_NAME = 'My integrations'

/**
 * The workspace the app has open: the default one in the user-data folder, or a folder the user
 * opened (a git checkout), remembered across restarts. Watches it, so a `git pull` shows at once.
 * Secrets and tokens are keyed by workspace id + integration id in the vault, which is per person.
 */
export class Workspaces {
  private folder: WorkspaceFolder
  private watcher?: { close(): void }
  private revision = 0
  private readonly listeners = new Set<(reason: 'changed' | 'switched') => void>()

  constructor(
    private readonly defaultRoot: string,
    private readonly preferences: KeyValueStore,
    private readonly options: { watch: boolean } = { watch: true },
  ) {
    const opened = preferences.get('workspacePath')
    this.folder = WorkspaceFolder.open(defaultRoot, DEFAULT_NAME)
    if (typeof opened === 'string') {
      try {
        this.folder = WorkspaceFolder.open(opened, basename(opened))
      } catch {
        // The folder went away (unplugged drive, deleted checkout): the default one opens instead.
        preferences.delete('workspacePath')
      }
    }
    this.startWatching()
  }

  current(): WorkspaceFolder {
    return this.folder
  }

  isDefault(): boolean {
    return resolve(this.folder.root) === resolve(this.defaultRoot)
  }

  info(): WorkspaceInfo {
    return {
      id: this.folder.id,
      name: this.folder.name,
      path: this.folder.root,
      isDefault: this.isDefault(),
      revision: this.revision,
      problems: this.folder.problems(),
    }
  }

  /** Opens a folder as the workspace (creating its manifest when it has none). */
  open(path: string): WorkspaceInfo {
    const root = resolve(path)
    const folder = WorkspaceFolder.open(root, basename(root))
    this.switchTo(folder)
    if (this.isDefault()) this.preferences.delete('workspacePath')
    else this.preferences.set('workspacePath', root)
    return this.info()
  }

  useDefault(): WorkspaceInfo {
    this.switchTo(WorkspaceFolder.open(this.defaultRoot, DEFAULT_NAME))
    this.preferences.delete('workspacePath')
    return this.info()
  }

  /**
   * Where this person's secrets and tokens for an integration of the open workspace are kept. The
   * default workspace keeps the bare integration id its integrations had before workspaces existed.
   */
  vaultKey(integrationId: string): string {
    return this.isDefault() ? integrationId : `${this.folder.id}/${integrationId}`
  }

  /** The vault entry of an environment's secret values. */
  environmentVaultKey(environment: string): string {
    return `${this.folder.id}/env:${environment}`
  }

  /** Reads the folder again now (the watcher does it on its own after changes settle). */
  refresh(): boolean {
    const changed = this.folder.rescan()
    if (changed) {
      this.revision++
      for (const listener of this.listeners) listener('changed')
    }
    return changed
  }

  onChange(listener: (reason: 'changed' | 'switched') => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  close(): void {
    this.watcher?.close()
    this.watcher = undefined
  }

  private switchTo(folder: WorkspaceFolder): void {
    this.close()
    this.folder = folder
    this.revision++
    this.startWatching()
    for (const listener of this.listeners) listener('switched')
  }

  private startWatching(): void {
    if (this.options.watch) this.watcher = watchWorkspace(this.folder.root, () => this.refresh())
  }
}
