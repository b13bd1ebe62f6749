import { isTrustedRendererUrl, type RendererLocation } from './trustedRenderer'

/**
 * The one security policy for every web contents TokenDesk creates, decided from what the contents
 * is for (its role), never from where it happens to be. The Electron glue (windows/webContentsGuard.ts)
 * asks these functions and does what they say; nothing else decides navigation, new windows,
 * webviews or permissions.
 *
 * - `app`: the TokenDesk window. Stays on the app's own page; http(s) links open in the browser.
 * - `sign-in`: an authorize window showing a provider's pages (http(s) only). Its redirect back to the
 *   app is caught by the sign-in attempt before it loads, so here it is just a page to deny.
 * - `unknown`: anything else (devtools, a contents created before its role was assigned): denied.
 */
export type WebContentsRole = 'app' | 'sign-in' | 'unknown'

export type WindowOpenDecision = { action: 'deny'; openInBrowser?: string }

/** Permissions the app's own page uses: Copy buttons call navigator.clipboard.writeText. */
const APP_PERMISSIONS: ReadonlySet<string> = new Set(['clipboard-sanitized-write'])

function parse(url: string): URL | null {
  try {
    return new URL(url)
  } catch {
    return null
  }
}

function isWebPage(url: string): boolean {
  const parsed = parse(url)
  return parsed !== null && (parsed.protocol === 'https:' || parsed.protocol === 'http:')
}

/** will-navigate and will-redirect: may this contents go to `url`? */
export function mayNavigate(role: WebContentsRole, url: string, location: RendererLocation): boolean {
  if (role === 'app') return isTrustedRendererUrl(url, location)
  if (role === 'sign-in') return isWebPage(url)
  return false
}

/**
 * window.open, target=_blank and middle-click: never a new Electron window. From the app, an http(s)
 * link opens in the user's browser (only http(s): other schemes could launch local programs).
 */
export function decideWindowOpen(role: WebContentsRole, url: string): WindowOpenDecision {
  if (role === 'app' && isWebPage(url)) return { action: 'deny', openInBrowser: new URL(url).href }
  return { action: 'deny' }
}

/** <webview> would embed a page outside every rule above. */
export function mayAttachWebview(): boolean {
  return false
}

/**
 * Permission requests and checks (setPermissionRequestHandler and setPermissionCheckHandler): the
 * app's own page may write the clipboard; nothing else gets anything, sign-in pages included.
 * `requestingUrl` is the frame that asks, compared by parsed origin.
 */
export function mayUsePermission(
  role: WebContentsRole,
  permission: string,
  requestingUrl: string,
  location: RendererLocation,
): boolean {
  return role === 'app' && APP_PERMISSIONS.has(permission) && isTrustedRendererUrl(requestingUrl, location)
}
