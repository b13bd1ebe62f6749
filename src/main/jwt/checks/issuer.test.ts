import { describe, expect, it } from 'vitest'
import { issuerCheck } from './issuer'

const ISSUER = 'https://login.example.com/realms/shop'

describe('issuerCheck', () => {
  it('passes the expected issuer', () => {
    expect(issuerCheck(ISSUER, ISSUER)).toEqual({
      id: 'iss',
      ok: true,
      message: `Issued by ${ISSUER}, as expected.`,
    })
  })

  it('names a trailing slash as the only difference', () => {
    expect(issuerCheck(`${ISSUER}/`, ISSUER)).toEqual({
      id: 'iss',
      ok: false,
      message: `The token says "${ISSUER}/", expected "${ISSUER}": they differ only by a trailing slash, and issuers are compared character for character.`,
    })
  })

  it('points at another tenant or environment when the issuer differs', () => {
    expect(issuerCheck('https://login.example.com/realms/staging', ISSUER)).toEqual({
      id: 'iss',
      ok: false,
      message: `Issued by "https://login.example.com/realms/staging", not by "${ISSUER}". The token may come from another tenant, realm or environment.`,
    })
  })

  it('shows an iss that is not a string as JSON', () => {
    expect(issuerCheck(42, ISSUER).message).toMatch(/^Issued by 42, not by/)
  })

  it('fails a token with no iss and names the expected issuer', () => {
    expect(issuerCheck(undefined, ISSUER)).toEqual({
      id: 'iss',
      ok: false,
      message: `The token has no "iss" claim; expected "${ISSUER}".`,
    })
  })
})
