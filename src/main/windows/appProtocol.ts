import { net, protocol } from 'electron'
import { pathToFileURL } from 'node:url'
import { rendererFileFor } from '../security/rendererFiles'
import { APP_SCHEME } from '../security/trustedRenderer'

/** Must run before the app is ready: app:// behaves like https (secure context, standard URLs). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ])
}

/** Serves the built renderer on app://tokendesk/, refusing anything outside its folder. */
export function serveRenderer(rendererRoot: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const file = rendererFileFor(request.url, rendererRoot)
    if (!file) return new Response('Not found', { status: 404 })
    const response = await net.fetch(pathToFileURL(file.path).toString())
    return new Response(response.body, {
      status: response.status,
      headers: { 'content-type': file.contentType },
    })
  })
}
