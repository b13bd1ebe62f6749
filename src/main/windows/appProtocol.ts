import { net, protocol } from 'electron'
import { pathToFileURL } from 'node:url'
import { APP_CONTENT_SECURITY_POLICY_HEADER } from '../security/contentSecurityPolicy'
import { rendererFileFor, rendererResponseHeaders } from '../security/rendererFiles'
import { APP_SCHEME } from '../security/trustedRenderer'

/** Must run before the app is ready: app:// behaves like https (secure context, standard URLs). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ])
}

/**
 * Serves the built renderer on app://tokendesk/ only (another host, or a path outside the renderer
 * folder, is a 404), with the CSP as a response header as well as index.html's meta tag.
 */
export function serveRenderer(rendererRoot: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const file = rendererFileFor(request.url, rendererRoot)
    if (!file) return new Response('Not found', { status: 404 })
    const response = await net.fetch(pathToFileURL(file.path).toString())
    return new Response(response.body, {
      status: response.status,
      headers: rendererResponseHeaders(file, APP_CONTENT_SECURITY_POLICY_HEADER),
    })
  })
}
