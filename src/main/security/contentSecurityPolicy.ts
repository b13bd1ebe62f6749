/**
 * The renderer's Content-Security-Policy, in one place: the app:// handler sends it as a response
 * header and the build writes it into index.html's meta tag. The renderer never talks to the network
 * (everything goes through main over IPC), loads only its own scripts and styles, and runs no inline
 * code.
 */
export const APP_CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "object-src 'none'",
].join('; ')

/** As a response header the policy can also forbid framing (a meta tag cannot carry frame-ancestors). */
export const APP_CONTENT_SECURITY_POLICY_HEADER = `${APP_CONTENT_SECURITY_POLICY}; frame-ancestors 'none'`

/**
 * `npm run dev` only: Vite's dev server injects @vitejs/plugin-react's refresh preamble as an inline
 * script, its CSS as <style> tags, and talks to the page over a WebSocket for hot reload. The built
 * app never sees this policy.
 */
export const DEV_CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self' 'unsafe-inline'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self' ws://localhost:* ws://127.0.0.1:*",
  "base-uri 'none'",
  "form-action 'none'",
  "object-src 'none'",
].join('; ')

/** index.html carries this placeholder; the build (or the dev server) puts the policy in its place. */
export const CSP_PLACEHOLDER = '%TOKENDESK_CSP%'

export function withContentSecurityPolicy(html: string, mode: 'build' | 'dev'): string {
  if (!html.includes(CSP_PLACEHOLDER)) throw new Error(`index.html has no ${CSP_PLACEHOLDER} placeholder`)
  const policy = mode === 'build' ? APP_CONTENT_SECURITY_POLICY : DEV_CONTENT_SECURITY_POLICY
  return html.replace(CSP_PLACEHOLDER, policy)
}
