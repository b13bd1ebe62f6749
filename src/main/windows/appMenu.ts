import { app, clipboard, Menu, type MenuItemConstructorOptions } from 'electron'

export interface AppMenuActions {
  openInBrowser(url: string): void
  /** The text Help › Copy diagnostics puts on the clipboard. */
  diagnostics(): string
  homepage: string
}

/**
 * The platform's usual menus (the Edit roles are what make copy and paste work in text fields on
 * macOS), plus Help with the documentation and Copy diagnostics for a support ticket.
 */
export function installAppMenu(actions: AppMenuActions): void {
  const isMac = process.platform === 'darwin'
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : [{ role: 'fileMenu' as const }]),
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
        ...(app.isPackaged ? [] : [{ role: 'toggleDevTools' as const }]),
      ],
    },
    { role: 'windowMenu' },
    {
      role: 'help',
      submenu: [
        {
          label: 'TokenDesk documentation',
          click: () => actions.openInBrowser(`${actions.homepage}#readme`),
        },
        {
          label: 'Integration file format',
          click: () => actions.openInBrowser(`${actions.homepage}/blob/main/docs/integration.md`),
        },
        { type: 'separator' },
        { label: 'Copy diagnostics', click: () => clipboard.writeText(actions.diagnostics()) },
      ],
    },
  ]
  Menu.setApplicationMenu(Menu.buildFromTemplate(template))
}
