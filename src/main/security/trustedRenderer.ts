/**
 * Decides whether a URL is the app's own renderer. Parsed and compared field by field, never with
 * `startsWith` (a check like `url.startsWith('http://localhost:5173')` also admits
 * `http://localhost:5173.evil.example`).
 */
export interface RendererLocation {
  /** The dev server during `npm run dev`, e.g. http://localhost:5173/. */
  devServerUrl?: string
  /** The absolute path of the built index.html loaded from disk. */
  indexHtmlPath: string
}

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
  if (url.protocol !== 'file:' || url.host !== '') return false
  return decodeURIComponent(url.pathname) === toFileUrlPath(location.indexHtmlPath)
}

function toFileUrlPath(path: string): string {
  const slashed = path.replace(/\\/g, '/')
  return slashed.startsWith('/') ? slashed : `/${slashed}` // Windows drive paths: C:/… → /C:/…
}
