import { app, session, type Session, type WebContents } from 'electron'
import type { RendererLocation } from '../security/trustedRenderer'
import {
  decideWindowOpen,
  mayAttachWebview,
  mayNavigate,
  mayUsePermission,
  type WebContentsRole,
} from '../security/webContentsPolicy'

const roles = new WeakMap<WebContents, WebContentsRole>()

/** Tells the policy what a web contents is for; until then it is `unknown` and may do nothing. */
export function assignRole(contents: WebContents, role: WebContentsRole): void {
  roles.set(contents, role)
}

const roleOf = (contents: WebContents | null | undefined): WebContentsRole =>
  (contents && roles.get(contents)) ?? 'unknown'

/**
 * Applies src/main/security/webContentsPolicy.ts to every web contents as it is created and to every
 * session (the default one and each sign-in partition). Call once, before the app is ready.
 */
export function guardEveryWebContents(
  location: RendererLocation,
  openInBrowser: (url: string) => void,
): void {
  app.on('web-contents-created', (_event, contents) => {
    const refuseUnlessAllowed = (event: { preventDefault(): void }, url: string) => {
      if (!mayNavigate(roleOf(contents), url, location)) event.preventDefault()
    }
    contents.on('will-navigate', refuseUnlessAllowed)
    contents.on('will-redirect', refuseUnlessAllowed)
    contents.on('will-attach-webview', (event) => {
      if (!mayAttachWebview()) event.preventDefault()
    })
    contents.setWindowOpenHandler(({ url }) => {
      const decision = decideWindowOpen(roleOf(contents), url)
      if (decision.openInBrowser) openInBrowser(decision.openInBrowser)
      return { action: decision.action }
    })
  })
  app.on('session-created', (created) => guardPermissions(created, location))
  void app.whenReady().then(() => guardPermissions(session.defaultSession, location))
}

function guardPermissions(target: Session, location: RendererLocation): void {
  target.setPermissionRequestHandler((contents, permission, callback, details) =>
    callback(mayUsePermission(roleOf(contents), permission, details.requestingUrl, location)),
  )
  target.setPermissionCheckHandler((contents, permission, requestingOrigin) =>
    mayUsePermission(roleOf(contents), permission, requestingOrigin, location),
  )
}
