import { extname, join, normalize, sep } from 'node:path'

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
}

/**
 * Maps an app:// URL to a file of the built renderer, or null when the path would leave the
 * renderer folder ("../", encoded or not) or names nothing servable.
 */
export function rendererFileFor(
  requestUrl: string,
  rendererRoot: string,
): { path: string; contentType: string } | null {
  let pathname: string
  try {
    pathname = decodeURIComponent(new URL(requestUrl).pathname)
  } catch {
    return null
  }
  const relative = normalize(pathname === '/' ? '/index.html' : pathname)
  const path = join(rendererRoot, relative)
  if (!path.startsWith(rendererRoot + sep)) return null
  const contentType = CONTENT_TYPES[extname(path)]
  return contentType ? { path, contentType } : null
}
