import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

/**
 * The Electron executable if it is installed, else null. Reads electron's own path.txt rather than
 * `require('electron')`, which since Electron 45 tries to download the binary on first use.
 */
export function findElectronBinary(): string | null {
  if (process.env['ELECTRON_OVERRIDE_DIST_PATH']) return null // custom builds: let the user run them by hand
  let packageDir: string
  try {
    packageDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'))
  } catch {
    return null
  }
  const pathFile = join(packageDir, 'path.txt')
  if (!existsSync(pathFile)) return null
  const binary = join(packageDir, 'dist', readFileSync(pathFile, 'utf8').trim())
  return existsSync(binary) ? binary : null
}

export const ELECTRON_SKIP_MESSAGE =
  'skipped: Electron binary not available (it could not be downloaded on this machine). ' +
  'Run "npx install-electron" or "node node_modules/electron/install.js" with internet access to enable this suite.'
