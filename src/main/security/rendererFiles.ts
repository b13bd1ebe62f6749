import { extname, join, normalize, sep } from 'node:path'
import { APP_HOST, APP_SCHEME } from './trustedRenderer'

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
}

export interface RendererFile {
  path: string
  contentType: string
}

/**
 * Maps an app:// request to a file of the built renderer, or null for any other scheme or host
 * (`app://evil/index.html` is not the app) and for paths that would leave the renderer folder.
 */
export function rendererFileFor(requestUrl: string, rendererRoot: string): RendererFile | null {
  let url: URL
  try {
    url = new URL(requestUrl)
  } catch {
    return null
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return null
  return rendererFileAtPath(url.pathname, rendererRoot)
}

/**
 * The file a URL path names inside the renderer folder, or null when the path would leave it
 * ("../", encoded or not) or names nothing servable. Shared by the app:// handler and the test
 * harness's http server, so both resolve paths the same way.
 */
export function rendererFileAtPath(urlPath: string, rendererRoot: string): RendererFile | null {
  let pathname: string
  try {
    pathname = decodeURIComponent(urlPath)
  } catch {
    return null
  }
  const relative = normalize(pathname === '/' ? '/index.html' : pathname)
  const path = join(rendererRoot, relative)
  if (!path.startsWith(rendererRoot + sep)) return null
  const contentType = CONTENT_TYPES[extname(path)]
  return contentType ? { path, contentType } : null
}

/** Headers every renderer file is served with, by the app and by the test harness alike. */
export function rendererResponseHeaders(
  file: RendererFile,
  contentSecurityPolicy: string,
): Record<string, string> {
  return {
    'content-type': file.contentType,
    'content-security-policy': contentSecurityPolicy,
    'x-content-type-options': 'nosniff',
  }
}
