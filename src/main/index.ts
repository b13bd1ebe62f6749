import { app, shell, type BrowserWindow } from 'electron'
import { release } from 'node:os'
import { join } from 'node:path'
import { homepage } from '../../package.json'
import { createHandlers } from './handlers'
import { registerIpc } from './ipc/registerIpc'
import { diagnosticsReport } from './log/diagnosticsReport'
import { electronDialogs } from './platform/electronDialogs'
import { systemProxyResolver } from './platform/proxyResolver'
import { electronStoreFactory } from './platform/electronStoreFactory'
import { safeStorageCipher } from './platform/safeStorageCipher'
import type { RendererLocation } from './security/trustedRenderer'
import { createServices } from './services'
import { installAppMenu } from './windows/appMenu'
import { registerAppScheme, serveRenderer } from './windows/appProtocol'
import { createMainWindow } from './windows/mainWindow'
import { guardEveryWebContents } from './windows/webContentsGuard'
import { clearRememberedSignIn, electronSignInWindow } from './windows/signInWindow'
import { createWindowKeeper } from './windows/windowKeeper'

/** Only http(s) leaves the app: other schemes could launch local programs. */
function openInBrowser(url: string): void {
  const { protocol } = new URL(url)
  if (protocol === 'https:' || protocol === 'http:') void shell.openExternal(url).catch(() => undefined)
}

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
  // One policy for every web contents and session, decided by role (src/main/security/webContentsPolicy.ts).
  guardEveryWebContents(location, openInBrowser)

  void app.whenReady().then(() => {
    serveRenderer(join(__dirname, '../renderer'))
    const userData = app.getPath('userData')
    // The app window the sign-in windows open over; known once it exists.
    let currentWindow: () => BrowserWindow | undefined = () => undefined
    const services = createServices({
      stores: electronStoreFactory(userData),
      cipher: safeStorageCipher,
      dialogs: electronDialogs,
      openExternal: async (url) => openInBrowser(url),
      resolveSystemProxy: systemProxyResolver,
      env: process.env,
      logDirectory: join(userData, 'logs'),
      openSignInWindow: electronSignInWindow(() => currentWindow()),
      clearSignInSession: clearRememberedSignIn,
    })
    const log = (message: string) => services.log?.error(message)
    services.log?.info(`TokenDesk ${app.getVersion()} started (Electron ${process.versions.electron})`)
    app.on('before-quit', () => {
      services.history.flush()
      void services.sandbox.stop()
    })
    registerIpc(
      createHandlers({ appVersion: app.getVersion(), platform: process.platform, services }),
      location,
      log,
    )
    installAppMenu({
      homepage,
      openInBrowser,
      diagnostics: () =>
        diagnosticsReport({
          appVersion: app.getVersion(),
          versions: process.versions,
          os: { platform: process.platform, release: release(), arch: process.arch },
          encryption: { strength: safeStorageCipher.strength(), backend: safeStorageCipher.backendName() },
          logTail: services.log?.tail(50) ?? [],
        }),
    })
    const keeper = createWindowKeeper(() => createMainWindow(location, services.windowSettings))
    currentWindow = keeper.current
    keeper.showOrOpen()
    app.on('second-instance', () => keeper.showOrOpen())
    // macOS: the app outlives its last window; a Dock click opens a new one.
    app.on('activate', () => keeper.showOrOpen())
  })

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })
}
