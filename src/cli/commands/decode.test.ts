import { SignJWT, UnsecuredJWT } from 'jose'
import { describe, expect, it } from 'vitest'
import { runCliForTest } from '../test/runCliForTest'

const token = await new SignJWT({ sub: 'alice', scope: 'read' })
  .setProtectedHeader({ alg: 'HS256' })
  .setIssuedAt(1_700_000_000)
  .setExpirationTime(1_700_000_900)
  .sign(new TextEncoder().encode('0123456789abcdef0123456789abcdef'))

describe('tokendesk decode', () => {
  it('prints header, payload and times as JSON', async () => {
    const result = await runCliForTest(['decode', token, '--json'])
    expect(result.code).toBe(0)
    expect(result.json()).toMatchObject({
      header: { alg: 'HS256' },
      payload: { sub: 'alice', scope: 'read' },
      times: expect.arrayContaining([
        { claim: 'exp', epochSeconds: 1_700_000_900, iso: '2023-11-14T22:28:20.000Z' },
      ]),
    })
  })

  it('carries expired, not yet valid and unsigned as JSON fields', async () => {
    const expired = await runCliForTest(['decode', token, '--json'])
    expect(expired.json()).toMatchObject({ expired: true, notYetValid: false, unsigned: false })

    const now = Math.floor(Date.now() / 1000)
    const unsigned = new UnsecuredJWT({ sub: 'x' })
      .setNotBefore(now + 3600)
      .setExpirationTime(now + 7200)
      .encode()
    const result = await runCliForTest(['decode', unsigned, '--json'])
    expect(result.code).toBe(0)
    expect(result.json()).toMatchObject({ expired: false, notYetValid: true, unsigned: true })
  })

  it('takes the access token out of a pasted token response, and says so', async () => {
    const response = JSON.stringify({ access_token: token, token_type: 'Bearer', expires_in: 900 })
    const result = await runCliForTest(['decode', '-', '--json'], { stdin: response })
    expect(result.code).toBe(0)
    expect(result.json()).toMatchObject({
      extracted: 'access_token',
      payload: { sub: 'alice' },
      warnings: expect.arrayContaining(['Took the access_token out of the pasted token response.']),
    })
  })

  it('reads the token from standard input with -', async () => {
    const result = await runCliForTest(['decode', '-'], { stdin: `${token}\n` })
    expect(result.code).toBe(0)
    expect(result.stdout).toContain('sub: "alice"')
    expect(result.stdout).toMatch(/exp: 2023-11-14T22:28:20.000Z \(expired .* ago\)/)
  })

  it('exits 2 and says what is wrong with a malformed token', async () => {
    const result = await runCliForTest(['decode', 'abc.def'])
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('three parts')
    expect(result.stderr).not.toMatch(/\n\s+at /) // no stack trace
  })

  it('exits 2 with usage when the token is missing', async () => {
    const result = await runCliForTest(['decode'])
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('Missing a token')
  })
})
