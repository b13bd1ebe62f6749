import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  APP_CONTENT_SECURITY_POLICY,
  APP_CONTENT_SECURITY_POLICY_HEADER,
  withContentSecurityPolicy,
} from './contentSecurityPolicy'

const indexHtml = readFileSync(resolve(import.meta.dirname, '../../renderer/index.html'), 'utf8')
const policyOf = (html: string) =>
  /content="([^"]*)"/.exec(html.slice(html.indexOf('Content-Security-Policy')))?.[1]

describe('the renderer’s Content-Security-Policy', () => {
  it('is strict in the built app: own scripts and styles only, no inline code, no network', () => {
    const policy = policyOf(withContentSecurityPolicy(indexHtml, 'build'))
    expect(policy).toBe(APP_CONTENT_SECURITY_POLICY)
    expect(policy).not.toContain('unsafe')
    expect(policy).toContain("default-src 'none'")
    expect(policy).toContain("connect-src 'self'")
  })

  it('lets npm run dev run Vite’s inline refresh preamble, its <style> tags and its hot-reload socket', () => {
    const policy = policyOf(withContentSecurityPolicy(indexHtml, 'dev'))!
    expect(policy).toContain("script-src 'self' 'unsafe-inline'")
    expect(policy).toContain("style-src 'self' 'unsafe-inline'")
    expect(policy).toMatch(/connect-src [^;]*ws:\/\/localhost:\*/)
  })

  it('forbids framing in the header, where a meta tag could not', () => {
    expect(APP_CONTENT_SECURITY_POLICY_HEADER).toBe(`${APP_CONTENT_SECURITY_POLICY}; frame-ancestors 'none'`)
  })

  it('refuses an index.html that lost its placeholder, rather than ship no policy', () => {
    expect(() => withContentSecurityPolicy('<html></html>', 'build')).toThrow(/placeholder/)
  })
})
