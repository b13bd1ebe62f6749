import { BrowserWindow, dialog } from 'electron'
import { readFile, stat, writeFile } from 'node:fs/promises'
import { basename } from 'node:path'
import type { FileDialogs } from '../files/fileDialogs'

const MAX_IMPORT_BYTES = 20 * 1024 * 1024
const FILTERS = [
  { name: 'Integrations and collections', extensions: ['json', 'bru', 'yaml', 'yml'] },
  { name: 'All files', extensions: ['*'] },
]

/** Native save/open dialogs, attached to the focused window. */
export const electronDialogs: FileDialogs = {
  async saveFile(suggestedName, content) {
    const window = BrowserWindow.getFocusedWindow()
    const options = { defaultPath: suggestedName, filters: FILTERS }
    const result = window
      ? await dialog.showSaveDialog(window, options)
      : await dialog.showSaveDialog(options)
    if (result.canceled || !result.filePath) return null
    await writeFile(result.filePath, content, { encoding: 'utf8', mode: 0o600 })
    return result.filePath
  },
  async openFiles() {
    const window = BrowserWindow.getFocusedWindow()
    const options = { properties: ['openFile' as const, 'multiSelections' as const], filters: FILTERS }
    const result = window
      ? await dialog.showOpenDialog(window, options)
      : await dialog.showOpenDialog(options)
    if (result.canceled || !result.filePaths.length) return null
    const files = []
    for (const path of result.filePaths) {
      if ((await stat(path)).size > MAX_IMPORT_BYTES)
        throw new Error(`${basename(path)} is larger than 20 MB; it is not an integration export.`)
      files.push({ name: basename(path), text: await readFile(path, 'utf8'), path })
    }
    return files
  },
  async openFolder() {
    const window = BrowserWindow.getFocusedWindow()
    const options = { properties: ['openDirectory' as const] }
    const result = window
      ? await dialog.showOpenDialog(window, options)
      : await dialog.showOpenDialog(options)
    return result.canceled ? null : (result.filePaths[0] ?? null)
  },
}
