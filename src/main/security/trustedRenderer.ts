/**
 * Decides whether a URL is the app's own renderer. Parsed and compared field by field, never with
 * `startsWith` (a check like `url.startsWith('http://localhost:5173')` also admits
 * `http://localhost:5173.evil.example`).
 */
export interface RendererLocation {
  /** The dev server during `npm run dev`, e.g. http://localhost:5173/. */
  devServerUrl?: string
}

/**
 * The built renderer is served from this privileged scheme rather than file:// (Electron security
 * checklist §18): file:// pages can read other local files, and all file:// URLs share one origin.
 */
export const APP_SCHEME = 'app'
export const APP_HOST = 'tokendesk'
export const APP_ENTRY_URL = `${APP_SCHEME}://${APP_HOST}/index.html`

export function isTrustedRendererUrl(candidate: string, location: RendererLocation): boolean {
  let url: URL
  try {
    url = new URL(candidate)
  } catch {
    return false
  }
  if (location.devServerUrl) {
    const dev = new URL(location.devServerUrl)
    return url.protocol === dev.protocol && url.host === dev.host
  }
  return url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST
}
