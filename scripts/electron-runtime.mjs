#!/usr/bin/env node
// Makes sure the Electron runtime is installed before `npm start` / `npm run dev` hand over to
// electron-vite, which only reads node_modules/electron/path.txt and stops with "Electron uninstall"
// when it is missing. Electron 45 has no postinstall: its own installer (node_modules/electron/install.js,
// i.e. `npx install-electron`) downloads the binary, honouring ELECTRON_MIRROR, ELECTRON_CUSTOM_DIR
// and the Electron cache exactly as Electron documents.
import { spawn } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { pathToFileURL } from 'node:url'

const DEFAULT_MIRROR = 'https://github.com/electron/electron/releases/download/'

function electronPackageDir() {
  try {
    return dirname(createRequire(import.meta.url).resolve('electron/package.json'))
  } catch {
    return null
  }
}

/** The Electron executable if it is installed (path.txt names it and it exists), else null. */
export function findElectronBinary() {
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) return null // custom builds: the user runs them by hand
  const packageDir = electronPackageDir()
  if (!packageDir) return null
  const pathFile = join(packageDir, 'path.txt')
  if (!existsSync(pathFile)) return null
  const binary = join(packageDir, 'dist', readFileSync(pathFile, 'utf8').trim())
  return existsSync(binary) ? binary : null
}

/** The installer's failure in one line: its first line, not the stack trace it prints. */
function firstLine(output) {
  const line = output
    .split('\n')
    .map((text) => text.trim())
    .find((text) => text && !text.startsWith('at '))
  return line ?? 'the installer stopped without saying why'
}

/** Runs Electron's own installer; resolves to null when installed, else the reason in one sentence. */
export async function installElectronRuntime({ env = process.env, print = console.log } = {}) {
  const packageDir = electronPackageDir()
  if (!packageDir) return 'The electron package is not installed: run "npm install" first.'
  const { version } = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'))
  const source = env.ELECTRON_MIRROR || env.npm_config_electron_mirror || DEFAULT_MIRROR
  print(`Installing the Electron ${version} runtime from ${source} (first start only, about 100 MB)…`)
  const output = await new Promise((resolve) => {
    let text = ''
    const child = spawn(process.execPath, [join(packageDir, 'install.js')], {
      env: { ...env, ELECTRON_GET_NO_PROGRESS: env.CI ? '1' : env.ELECTRON_GET_NO_PROGRESS },
      stdio: ['ignore', 'inherit', 'pipe'],
    })
    child.stderr.on('data', (chunk) => (text += chunk))
    child.on('error', (error) => resolve({ code: 1, text: error.message }))
    child.on('close', (code) => resolve({ code, text }))
  })
  if (output.code === 0 && findElectronBinary()) return null
  return (
    `TokenDesk needs the Electron ${version} runtime, and downloading it from ${source} failed ` +
    `(${firstLine(output.text)}); connect to the internet and run the command again, or set ELECTRON_MIRROR ` +
    `to a mirror you can reach, or install it by hand with "npx install-electron" ` +
    `(https://www.electronjs.org/docs/latest/tutorial/installation).`
  )
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  if (!findElectronBinary()) {
    const problem = await installElectronRuntime()
    if (problem) {
      console.error(problem)
      process.exit(1)
    }
    console.log('Electron runtime installed.')
  }
}
