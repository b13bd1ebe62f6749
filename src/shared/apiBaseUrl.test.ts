import { describe, expect, it } from 'vitest'
import { deriveApiBaseUrl } from './apiBaseUrl'

const altitudeAngel = {
  tokenUrl: 'https://auth.altitudeangel.com/oauth/v2/token',
  apiBaseUrl: 'https://api.altitudeangel.com',
}
const affinityLive = {
  tokenUrl: 'https://{deployment}.affinitylive.com/oauth2/v0/token',
  apiBaseUrl: 'https://{deployment}.affinitylive.com/public_api/v0',
}

describe('Try the API’s base URL, derived from the Token URL', () => {
  it('follows a Token URL that left the vendor’s domain (a test server serves both)', () => {
    expect(deriveApiBaseUrl(altitudeAngel, 'http://127.0.0.1:4010/oauth/v2/token')).toEqual({
      baseUrl: 'http://127.0.0.1:4010',
      from: '127.0.0.1:4010',
      presetDefault: 'https://api.altitudeangel.com',
    })
  })

  it('keeps the API’s path when the vendor serves its API from the token host', () => {
    expect(deriveApiBaseUrl(affinityLive, 'https://acme.affinitylive.com/oauth2/v0/token')?.baseUrl).toBe(
      'https://acme.affinitylive.com/public_api/v0',
    )
  })

  it('does not guess when the Token URL moved within the vendor’s own domain to another host', () => {
    expect(deriveApiBaseUrl(altitudeAngel, 'https://sandbox.altitudeangel.com/oauth/v2/token')).toBeNull()
  })

  it('leaves things alone while the Token URL is the preset’s, half typed, or still a placeholder', () => {
    expect(deriveApiBaseUrl(altitudeAngel, altitudeAngel.tokenUrl)).toBeNull()
    expect(deriveApiBaseUrl(altitudeAngel, 'http')).toBeNull()
    expect(deriveApiBaseUrl(affinityLive, affinityLive.tokenUrl)).toBeNull()
    expect(deriveApiBaseUrl(altitudeAngel, '{{env:TOKEN_URL}}')).toBeNull()
  })
})
