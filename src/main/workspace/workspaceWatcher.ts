import { watch, type FSWatcher } from 'node:fs'
import { listFolders } from './workspaceFolder'

/** Long enough for a `git pull` or an editor's save (temp file, rename) to settle into one reload. */
const SETTLE_MS = 150

/**
 * Watches every folder of a workspace (one fs.watch per folder, so it works the same on every
 * system and follows folders a pull adds or removes) and calls `onSettled` once things are quiet.
 * Editors that save by writing a temp file and renaming it over the original are seen as the
 * folder's change, not the old file's: the whole folder is read again, so nothing is missed.
 */
export function watchWorkspace(root: string, onSettled: () => void): { close(): void } {
  const watchers = new Map<string, FSWatcher>()
  let timer: NodeJS.Timeout | undefined
  let closed = false
  const settle = () => {
    if (closed) return
    clearTimeout(timer)
    timer = setTimeout(() => {
      if (closed) return
      syncWatchers()
      onSettled()
    }, SETTLE_MS)
  }
  const syncWatchers = () => {
    const folders = new Set(listFolders(root))
    for (const [folder, watcher] of watchers) {
      if (folders.has(folder)) continue
      watcher.close()
      watchers.delete(folder)
    }
    for (const folder of folders) {
      if (watchers.has(folder)) continue
      try {
        const watcher = watch(folder, { persistent: false }, settle)
        // A folder removed under the watcher reports an error: forget it, the next sync re-adds what exists.
        watcher.on('error', () => {
          watcher.close()
          watchers.delete(folder)
          settle()
        })
        watchers.set(folder, watcher)
      } catch {
        // Gone between listing and watching; the next change re-lists.
      }
    }
  }
  syncWatchers()
  return {
    close() {
      closed = true
      clearTimeout(timer)
      for (const watcher of watchers.values()) watcher.close()
      watchers.clear()
    },
  }
}
