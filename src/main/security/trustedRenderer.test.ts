import { describe, expect, it } from 'vitest'
import { isTrustedRendererUrl } from './trustedRenderer'

describe('isTrustedRendererUrl', () => {
  const built = { indexHtmlPath: '/opt/TokenDesk/resources/app/out/renderer/index.html' }
  const dev = { devServerUrl: 'http://localhost:5173/', indexHtmlPath: built.indexHtmlPath }

  it('accepts the built index.html, with a hash route', () => {
    expect(
      isTrustedRendererUrl('file:///opt/TokenDesk/resources/app/out/renderer/index.html#history', built),
    ).toBe(true)
  })

  it('refuses other local files and remote pages', () => {
    expect(isTrustedRendererUrl('file:///tmp/evil.html', built)).toBe(false)
    expect(isTrustedRendererUrl('https://example.com/', built)).toBe(false)
    expect(isTrustedRendererUrl('not a url', built)).toBe(false)
  })

  it('compares the dev server by parsed host, not by prefix', () => {
    expect(isTrustedRendererUrl('http://localhost:5173/index.html', dev)).toBe(true)
    expect(isTrustedRendererUrl('http://localhost:5173.evil.example/', dev)).toBe(false)
    expect(isTrustedRendererUrl('http://localhost:5174/', dev)).toBe(false)
  })
})
