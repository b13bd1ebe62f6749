import { app, BrowserWindow, session, shell } from 'electron'
import { join } from 'node:path'
import { createHandlers } from './handlers'
import { electronDialogs } from './platform/electronDialogs'
import { electronStoreFactory } from './platform/electronStoreFactory'
import { safeStorageCipher } from './platform/safeStorageCipher'
import { createServices } from './services'
import { registerIpc } from './ipc/registerIpc'
import type { RendererLocation } from './security/trustedRenderer'
import { createMainWindow } from './windows/mainWindow'

/** Only http(s) leaves the app: other schemes could launch local programs. */
async function openWebPage(url: string): Promise<void> {
  const { protocol } = new URL(url)
  if (protocol === 'https:' || protocol === 'http:') await shell.openExternal(url)
}

const log = (message: string): void => console.error(`[tokendesk] ${message}`)

// Sandbox every renderer, including any created later, before the app is ready.
app.enableSandbox()

if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  const location: RendererLocation = {
    devServerUrl: !app.isPackaged ? process.env['ELECTRON_RENDERER_URL'] : undefined,
    indexHtmlPath: join(__dirname, '../renderer/index.html'),
  }

  void app.whenReady().then(() => {
    // No web permission (camera, notifications, geolocation…) is ever needed by a token workbench.
    session.defaultSession.setPermissionRequestHandler((_webContents, _permission, callback) =>
      callback(false),
    )
    const services = createServices({
      stores: electronStoreFactory(app.getPath('userData')),
      cipher: safeStorageCipher,
      dialogs: electronDialogs,
      openExternal: (url) => openWebPage(url),
      env: process.env,
    })
    app.on('before-quit', () => services.history.flush())
    registerIpc(
      createHandlers({ appVersion: app.getVersion(), platform: process.platform, services }),
      location,
      log,
    )
    let window = createMainWindow(location, openWebPage)
    app.on('second-instance', () => {
      if (window.isMinimized()) window.restore()
      window.focus()
    })
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) window = createMainWindow(location, openWebPage)
    })
  })

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })
}
