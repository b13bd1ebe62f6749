import { BrowserWindow, shell } from 'electron'
import { join } from 'node:path'
import { isTrustedRendererUrl, type RendererLocation } from '../security/trustedRenderer'

/**
 * The one app window, locked down per Electron's security checklist: isolated, sandboxed, no Node in
 * the renderer, no navigation away, no new windows. Links to http(s) pages open in the system browser.
 */
export function createMainWindow(location: RendererLocation): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'TokenDesk',
    autoHideMenuBar: true,
    webPreferences: {
      preload: join(__dirname, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    },
  })

  window.once('ready-to-show', () => window.show())
  window.webContents.on('will-navigate', (event, url) => {
    if (!isTrustedRendererUrl(url, location)) event.preventDefault()
  })
  window.webContents.on('will-redirect', (event, url) => {
    if (!isTrustedRendererUrl(url, location)) event.preventDefault()
  })
  window.webContents.setWindowOpenHandler(({ url }) => {
    openInSystemBrowserIfWeb(url)
    return { action: 'deny' }
  })
  window.webContents.on('will-attach-webview', (event) => event.preventDefault())

  if (location.devServerUrl) void window.loadURL(location.devServerUrl)
  else void window.loadFile(location.indexHtmlPath)
  return window
}

/** Only http(s) leaves the app; `file:`, `smb:` and custom schemes could launch local programs. */
function openInSystemBrowserIfWeb(url: string): void {
  try {
    const { protocol } = new URL(url)
    if (protocol === 'https:' || protocol === 'http:') void shell.openExternal(url)
  } catch {
    // not a URL: nothing to open
  }
}
