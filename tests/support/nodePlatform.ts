import { randomBytes } from 'node:crypto'
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import type { FileDialogs } from '../../src/main/files/fileDialogs'
import type { OpenSignInWindow } from '../../src/main/oauth'
import type { PlatformDeps } from '../../src/main/services'
import { confStoreFactory } from '../../src/main/store/confStore'
import { createAesGcmCipher } from '../../src/main/vault/aesGcmCipher'
import type { CipherStrength } from '../../src/main/vault/secretCipher'

/**
 * The platform in plain Node, for tests and the e2e harness: conf stores in a fresh folder (the
 * "user-data folder"), a real AES-256-GCM cipher, and file dialogs that use a folder and a queue.
 */
export function nodePlatform(options: { strength?: CipherStrength; directory?: string } = {}) {
  const userData = options.directory ?? mkdtempSync(join(tmpdir(), 'tokendesk-userdata-'))
  const downloads = join(userData, '..', `${basename(userData)}-files`)
  mkdirSync(downloads, { recursive: true })
  const filesToOpen: string[][] = []
  const foldersToOpen: string[] = []
  const openedUrls: string[] = []
  /** What a test plays for the user's browser and for the embedded sign-in window, when it needs them. */
  const stand: { browser?: (url: string) => void; signInWindow?: OpenSignInWindow } = {}
  const dialogs: FileDialogs = {
    saveFile: async (suggestedName, content) => {
      const path = join(downloads, suggestedName)
      writeFileSync(path, content)
      return path
    },
    openFiles: async () => {
      const paths = filesToOpen.shift()
      return paths
        ? paths.map((path) => ({ name: basename(path), text: readFileSync(path, 'utf8'), path }))
        : null
    },
    openFolder: async () => foldersToOpen.shift() ?? null,
  }
  const platform: PlatformDeps = {
    stores: confStoreFactory(userData),
    cipher: createAesGcmCipher(randomBytes(32), options.strength ?? 'os', 'test AES-256-GCM'),
    dialogs,
    openExternal: async (url) => {
      openedUrls.push(url)
      stand.browser?.(url)
    },
    openSignInWindow: (request, report) => {
      if (!stand.signInWindow) throw new Error('This test plays no embedded sign-in window.')
      return stand.signInWindow(request, report)
    },
    env: {},
  }
  return {
    platform,
    userData,
    downloads,
    openedUrls,
    /** What the user picks in the next file dialog: one file or several. */
    queueFileToOpen: (...paths: string[]) => filesToOpen.push(paths),
    /** What the user picks in the next folder dialog. */
    queueFolderToOpen: (path: string) => foldersToOpen.push(path),
    /** Plays the user's default browser: called with every page TokenDesk opens externally. */
    playBrowser: (browser: (url: string) => void) => (stand.browser = browser),
    /** Plays the embedded sign-in window (in the Chromium harness: a real page). */
    playSignInWindow: (window: OpenSignInWindow) => (stand.signInWindow = window),
  }
}
