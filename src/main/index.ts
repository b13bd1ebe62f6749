import { app, BrowserWindow, session, shell } from 'electron'
import { join } from 'node:path'
import { createHandlers } from './handlers'
import { registerIpc } from './ipc/registerIpc'
import { electronDialogs } from './platform/electronDialogs'
import { systemProxyResolver } from './platform/proxyResolver'
import { electronStoreFactory } from './platform/electronStoreFactory'
import { safeStorageCipher } from './platform/safeStorageCipher'
import { isTrustedRendererUrl, type RendererLocation } from './security/trustedRenderer'
import { createServices } from './services'
import { registerAppScheme, serveRenderer } from './windows/appProtocol'
import { createMainWindow } from './windows/mainWindow'

/** Only http(s) leaves the app: other schemes could launch local programs. */
async function openWebPage(url: string): Promise<void> {
  const { protocol } = new URL(url)
  if (protocol === 'https:' || protocol === 'http:') await shell.openExternal(url)
}

const log = (message: string): void => console.error(`[tokendesk] ${message}`)

// Before ready: sandbox every renderer, including any created later, and declare app:// privileged.
app.enableSandbox()
registerAppScheme()
// A separate data folder on request: for tests, and for keeping work and personal integrations apart.
if (process.env['TOKENDESK_USER_DATA']) app.setPath('userData', process.env['TOKENDESK_USER_DATA'])

if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  const location: RendererLocation = {
    devServerUrl: !app.isPackaged ? process.env['ELECTRON_RENDERER_URL'] : undefined,
  }

  // Defence in depth: whatever web contents appear (devtools, a future window), none may navigate
  // away from the app or open windows of its own.
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event, url) => {
      if (!isTrustedRendererUrl(url, location)) event.preventDefault()
    })
    contents.setWindowOpenHandler(() => ({ action: 'deny' }))
  })

  void app.whenReady().then(() => {
    // No web permission (camera, notifications, geolocation…) is ever needed by a token workbench.
    session.defaultSession.setPermissionRequestHandler((_webContents, _permission, callback) =>
      callback(false),
    )
    serveRenderer(join(__dirname, '../renderer'))
    const services = createServices({
      stores: electronStoreFactory(app.getPath('userData')),
      cipher: safeStorageCipher,
      dialogs: electronDialogs,
      openExternal: (url) => openWebPage(url),
      resolveSystemProxy: systemProxyResolver,
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
