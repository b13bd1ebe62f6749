import { describe, expect, it } from 'vitest'
import { isTrustedRendererUrl } from './trustedRenderer'

describe('isTrustedRendererUrl', () => {
  const built = {}
  const dev = { devServerUrl: 'http://localhost:5173/' }

  it('accepts the app’s own scheme and host, with any path or hash', () => {
    expect(isTrustedRendererUrl('app://tokendesk/index.html#history', built)).toBe(true)
  })

  it('refuses local files, other hosts on the scheme and remote pages', () => {
    expect(isTrustedRendererUrl('file:///tmp/evil.html', built)).toBe(false)
    expect(isTrustedRendererUrl('app://tokendesk.evil/index.html', built)).toBe(false)
    expect(isTrustedRendererUrl('https://example.com/', built)).toBe(false)
    expect(isTrustedRendererUrl('not a url', built)).toBe(false)
  })

  it('compares the dev server by parsed host, not by prefix', () => {
    expect(isTrustedRendererUrl('http://localhost:5173/index.html', dev)).toBe(true)
    expect(isTrustedRendererUrl('http://localhost:5173.evil.example/', dev)).toBe(false)
    expect(isTrustedRendererUrl('http://localhost:5174/', dev)).toBe(false)
  })
})
