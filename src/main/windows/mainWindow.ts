import { BrowserWindow, screen } from 'electron'
import { join } from 'node:path'
import type { KeyValueStore } from '../store/keyValueStore'
import { APP_ENTRY_URL, type RendererLocation } from '../security/trustedRenderer'
import { assignRole } from './webContentsGuard'
import { MINIMUM_SIZE, restorePlacement } from './windowPlacement'

const PLACEMENT_KEY = 'mainWindow'

/**
 * The app window, locked down per Electron's security checklist: isolated, sandboxed, no Node in
 * the renderer. Navigation, new windows and permissions are decided by the one policy
 * (webContentsGuard.ts) for its role, `app`. It opens where it was last closed, if that is on a display.
 */
export function createMainWindow(location: RendererLocation, settings: KeyValueStore): BrowserWindow {
  const placement = restorePlacement(
    settings.get(PLACEMENT_KEY),
    screen.getAllDisplays().map((display) => display.workArea),
  )
  const window = new BrowserWindow({
    ...(placement.bounds ?? {}),
    width: placement.width,
    height: placement.height,
    minWidth: MINIMUM_SIZE.width,
    minHeight: MINIMUM_SIZE.height,
    show: false,
    title: 'TokenDesk',
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
  assignRole(window.webContents, 'app')
  window.once('ready-to-show', () => {
    if (placement.maximized) window.maximize()
    window.show()
  })
  window.on('close', () => {
    settings.set(PLACEMENT_KEY, { ...window.getNormalBounds(), maximized: window.isMaximized() })
  })

  void window.loadURL(location.devServerUrl ?? APP_ENTRY_URL)
  return window
}
