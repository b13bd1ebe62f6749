import { describe, expect, it } from 'vitest'
import { proxyFromEnvironment } from './proxyFromEnvironment'
import { proxyFromPacResult } from './proxyPac'

const proxyFor = (url: string, env: Record<string, string>) => proxyFromEnvironment(new URL(url), env)

describe('proxyFromEnvironment', () => {
  it('uses HTTPS_PROXY for https:// and HTTP_PROXY for http://', () => {
    const env = { HTTPS_PROXY: 'http://secure-proxy:3128', HTTP_PROXY: 'http://plain-proxy:3128' }
    expect(proxyFor('https://idp.example.com/token', env)).toBe('http://secure-proxy:3128')
    expect(proxyFor('http://idp.example.com/token', env)).toBe('http://plain-proxy:3128')
  })

  it('prefers the lowercase variable, as curl does', () => {
    expect(
      proxyFor('https://a.test/', { https_proxy: 'http://lower:1', HTTPS_PROXY: 'http://upper:1' }),
    ).toBe('http://lower:1')
  })

  it('reads a proxy without a scheme as http://', () => {
    expect(proxyFor('https://a.test/', { HTTPS_PROXY: 'proxy.corp:8080' })).toBe('http://proxy.corp:8080')
  })

  it('connects directly with no proxy variable', () => {
    expect(proxyFor('https://a.test/', {})).toBeUndefined()
  })

  it.each([
    ['*', 'https://anything.test/'],
    ['example.com', 'https://example.com/'],
    ['example.com', 'https://api.example.com/'],
    ['.example.com', 'https://api.example.com/'],
    ['*.example.com', 'https://api.example.com/'],
    ['other.test, example.com', 'https://example.com/'],
    ['example.com:8443', 'https://example.com:8443/'],
    ['127.0.0.1', 'http://127.0.0.1:5000/'],
    ['::1', 'http://[::1]:5000/'],
    ['[::1]:5000', 'http://[::1]:5000/'],
    ['EXAMPLE.COM', 'https://example.com/'],
  ])('NO_PROXY=%s bypasses the proxy for %s', (noProxy, url) => {
    expect(
      proxyFor(url, { HTTPS_PROXY: 'http://p:1', HTTP_PROXY: 'http://p:1', no_proxy: noProxy }),
    ).toBeUndefined()
  })

  it.each([
    ['example.com', 'https://notexample.com/'],
    ['example.com:8443', 'https://example.com/'],
    ['api.example.com', 'https://example.com/'],
    ['127.0.0.1', 'http://127.0.0.2/'],
  ])('NO_PROXY=%s still proxies %s', (noProxy, url) => {
    expect(proxyFor(url, { HTTPS_PROXY: 'http://p:1', HTTP_PROXY: 'http://p:1', NO_PROXY: noProxy })).toBe(
      'http://p:1',
    )
  })
})

describe('proxyFromPacResult (Electron’s session.resolveProxy)', () => {
  it.each([
    ['DIRECT', undefined],
    ['PROXY proxy.corp:8080', 'http://proxy.corp:8080'],
    ['PROXY proxy.corp:8080; DIRECT', 'http://proxy.corp:8080'],
    ['HTTPS secure.corp:443', 'https://secure.corp:443'],
    ['SOCKS5 socks.corp:1080; PROXY fallback.corp:3128', 'http://fallback.corp:3128'],
    ['SOCKS5 socks.corp:1080', undefined],
    ['', undefined],
  ])('reads "%s" as %s', (answer, expected) => {
    expect(proxyFromPacResult(answer)).toBe(expected)
  })
})
