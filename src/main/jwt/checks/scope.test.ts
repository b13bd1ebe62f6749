import { describe, expect, it } from 'vitest'
import { scopeCheck } from './scope'

describe('scopeCheck', () => {
  it('passes when "scope" grants exactly what was requested', () => {
    expect(scopeCheck({ scope: 'orders:read orders:write' }, ['orders:read', 'orders:write'])).toEqual({
      id: 'scope',
      ok: true,
      message:
        'Every requested scope was granted. Requested: orders:read orders:write. Granted: orders:read orders:write.',
    })
  })

  it('fails when a requested scope is missing, and names it with the error the API will answer', () => {
    expect(scopeCheck({ scope: 'orders:read' }, ['orders:read', 'orders:write'])).toEqual({
      id: 'scope',
      ok: false,
      message:
        'Requested: orders:read orders:write. Granted: orders:read. Missing: orders:write — calls that need them will be refused (insufficient_scope).',
    })
  })

  it('splits "scope" on any run of whitespace', () => {
    expect(scopeCheck({ scope: ' openid\tprofile \n email ' }, ['openid', 'profile', 'email']).ok).toBe(true)
  })

  it('reads "scp" as a space-delimited string, as Microsoft issues it', () => {
    expect(scopeCheck({ scp: 'User.Read Mail.Read' }, ['Mail.Read'])).toEqual({
      id: 'scope',
      ok: true,
      message:
        'Every requested scope was granted. Requested: Mail.Read. Granted: User.Read Mail.Read. Extra, granted but not requested: User.Read.',
    })
  })

  it('reads "scp" as an array', () => {
    expect(scopeCheck({ scp: ['read', 'admin'] }, ['read', 'write'])).toEqual({
      id: 'scope',
      ok: false,
      message:
        'Requested: read write. Granted: read admin. Missing: write — calls that need them will be refused (insufficient_scope). Extra, granted but not requested: admin.',
    })
  })

  it('reads "scope" as an array', () => {
    expect(scopeCheck({ scope: ['read', 'write'] }, ['write']).ok).toBe(true)
  })

  it('says "none" when the scope claim is empty', () => {
    expect(scopeCheck({ scope: '' }, ['read']).message).toBe(
      'Requested: read. Granted: none. Missing: read — calls that need them will be refused (insufficient_scope).',
    )
  })

  it('fails a token with neither "scope" nor "scp"', () => {
    expect(scopeCheck({ sub: 'alice' }, ['read', 'write'])).toEqual({
      id: 'scope',
      ok: false,
      message: 'The token has no "scope" or "scp" claim, so it grants none of: read write.',
    })
  })
})
