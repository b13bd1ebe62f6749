import { app, BrowserWindow, session } from 'electron'
import { join } from 'node:path'
import { createHandlers } from './handlers'
import { registerIpc } from './ipc/registerIpc'
import type { RendererLocation } from './security/trustedRenderer'
import { createMainWindow } from './windows/mainWindow'

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
    registerIpc(createHandlers({ appVersion: app.getVersion(), platform: process.platform }), location, log)
    let window = createMainWindow(location)
    app.on('second-instance', () => {
      if (window.isMinimized()) window.restore()
      window.focus()
    })
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) window = createMainWindow(location)
    })
  })

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })
}
