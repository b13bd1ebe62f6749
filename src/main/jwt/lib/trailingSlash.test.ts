import { describe, expect, it } from 'vitest'
import { equalIgnoringTrailingSlash } from './trailingSlash'

describe('equalIgnoringTrailingSlash', () => {
  it('treats a trailing slash on either side as a near miss', () => {
    expect(equalIgnoringTrailingSlash('https://idp.example.com/', 'https://idp.example.com')).toBe(true)
    expect(equalIgnoringTrailingSlash('https://idp.example.com', 'https://idp.example.com/')).toBe(true)
  })

  it('ignores several trailing slashes', () => {
    expect(equalIgnoringTrailingSlash('https://idp.example.com//', 'https://idp.example.com/')).toBe(true)
  })

  it('keeps slashes that are not at the end', () => {
    expect(
      equalIgnoringTrailingSlash('https://idp.example.com//realms/a', 'https://idp.example.com/realms/a'),
    ).toBe(false)
    expect(equalIgnoringTrailingSlash('/api', 'api')).toBe(false)
  })

  it('still tells different paths and different cases apart', () => {
    expect(equalIgnoringTrailingSlash('https://idp.example.com/a/', 'https://idp.example.com/b')).toBe(false)
    expect(equalIgnoringTrailingSlash('https://IdP.example.com/', 'https://idp.example.com')).toBe(false)
  })
})
