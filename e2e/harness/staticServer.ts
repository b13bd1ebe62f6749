import { createReadStream, existsSync, statSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { APP_CONTENT_SECURITY_POLICY_HEADER } from '../../src/main/security/contentSecurityPolicy'
import { rendererFileAtPath, rendererResponseHeaders } from '../../src/main/security/rendererFiles'

/**
 * Serves the built renderer over http on 127.0.0.1 (a module build shows a blank page from file://),
 * resolving paths and sending headers (the CSP among them) exactly as the app's app:// handler does.
 */
export async function serveRenderer(root: string): Promise<{ url: string; close(): Promise<void> }> {
  if (!existsSync(join(root, 'index.html'))) {
    throw new Error(`The renderer is not built (${root}/index.html missing). Run "npm run build" first.`)
  }
  const server: Server = createServer((req, res) => {
    const file = rendererFileAtPath(new URL(req.url ?? '/', 'http://127.0.0.1').pathname, root)
    if (!file || !existsSync(file.path) || !statSync(file.path).isFile()) {
      res.writeHead(404).end()
      return
    }
    res.writeHead(200, rendererResponseHeaders(file, APP_CONTENT_SECURITY_POLICY_HEADER))
    createReadStream(file.path).pipe(res)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  server.unref()
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
}
