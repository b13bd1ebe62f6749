import { BrowserWindow } from 'electron'
import { join } from 'node:path'
import { APP_ENTRY_URL, isTrustedRendererUrl, type RendererLocation } from '../security/trustedRenderer'

/**
 * The one app window, locked down per Electron's security checklist: isolated, sandboxed, no Node in
 * the renderer, no navigation away, no new windows. Links to http(s) pages open in the system browser.
 */
export function createMainWindow(
  location: RendererLocation,
  openWebPage: (url: string) => Promise<void>,
): BrowserWindow {
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
      // Middle-click would otherwise open links in a new window, around setWindowOpenHandler.
      disableBlinkFeatures: 'Auxclick',
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
    void openWebPage(url).catch(() => undefined) // not a URL, or not http(s): nothing to open
    return { action: 'deny' }
  })
  window.webContents.on('will-attach-webview', (event) => event.preventDefault())

  void window.loadURL(location.devServerUrl ?? APP_ENTRY_URL)
  return window
}
