import { describe, expect, it } from 'vitest'
import { APP_CONTENT_SECURITY_POLICY_HEADER } from './contentSecurityPolicy'
import { rendererFileFor, rendererResponseHeaders } from './rendererFiles'

const root = '/opt/TokenDesk/resources/app.asar/out/renderer'

describe('rendererFileFor', () => {
  it('serves the built renderer’s files with their content type', () => {
    expect(rendererFileFor('app://tokendesk/index.html', root)).toEqual({
      path: `${root}/index.html`,
      contentType: 'text/html; charset=utf-8',
    })
    expect(rendererFileFor('app://tokendesk/assets/index-abc.js', root)?.contentType).toBe(
      'text/javascript; charset=utf-8',
    )
    expect(rendererFileFor('app://tokendesk/', root)?.path).toBe(`${root}/index.html`)
  })

  it('never leaves the renderer folder, however the dots are written', () => {
    for (const attack of [
      'app://tokendesk/../../../etc/passwd',
      'app://tokendesk/%2e%2e/%2e%2e/main/index.js',
      'app://tokendesk/assets/..%2f..%2f..%2fmain%2findex.js',
      'app://tokendesk/..\\..\\main\\index.js',
    ]) {
      const file = rendererFileFor(attack, root)
      if (file) expect(file.path.startsWith(`${root}/`), attack).toBe(true)
    }
  })

  it('serves nothing it does not know the type of', () => {
    expect(rendererFileFor('app://tokendesk/notes.txt', root)).toBeNull()
  })

  it('serves only the app’s own host on its own scheme', () => {
    expect(rendererFileFor('app://evil/index.html', root)).toBeNull()
    expect(rendererFileFor('app://tokendesk.evil/index.html', root)).toBeNull()
    expect(rendererFileFor('app://user@tokendesk:99/index.html', root)).toBeNull()
    expect(rendererFileFor('https://tokendesk/index.html', root)).toBeNull()
    expect(rendererFileFor('file:///index.html', root)).toBeNull()
  })

  it('sends the CSP as a response header with every file', () => {
    const file = rendererFileFor('app://tokendesk/index.html', root)!
    const headers = rendererResponseHeaders(file, APP_CONTENT_SECURITY_POLICY_HEADER)
    expect(headers['content-security-policy']).toContain("script-src 'self'")
    expect(headers['content-security-policy']).toContain("frame-ancestors 'none'")
    expect(headers['x-content-type-options']).toBe('nosniff')
  })
})
