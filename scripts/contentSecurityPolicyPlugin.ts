import type { Plugin } from 'vite'
import { withContentSecurityPolicy } from '../src/main/security/contentSecurityPolicy'

/** Writes the renderer's CSP into index.html: the strict one when building, the dev one for `npm run dev`. */
export function contentSecurityPolicyPlugin(): Plugin {
  let mode: 'build' | 'dev' = 'build'
  return {
    name: 'tokendesk-content-security-policy',
    configResolved(config) {
      mode = config.command === 'serve' ? 'dev' : 'build'
    },
    transformIndexHtml: {
      order: 'pre',
      handler: (html) => withContentSecurityPolicy(html, mode),
    },
  }
}
