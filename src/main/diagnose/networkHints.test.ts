import { describe, expect, it } from 'vitest'
import type { NetworkFailure } from '../../shared/exchange'
import type { DiagnosisContext } from './context'
import { networkHints } from './networkHints'

const context = (purpose: 'token' | 'api'): DiagnosisContext => ({
  purpose,
  grant: 'client_credentials',
  clientAuth: 'body',
  basicAuthOverride: false,
  secretSpecialChars: [],
  secretLooksPasted: false,
  requestedScopes: [],
  scopeSeparator: ' ',
  sentHeaderNames: [],
})

const failures: NetworkFailure[] = [
  { kind: 'dns', code: 'ENOTFOUND', message: 'getaddrinfo ENOTFOUND' },
  { kind: 'refused', code: 'ECONNREFUSED', message: 'connect ECONNREFUSED' },
  { kind: 'too-large', message: 'too large' },
  { kind: 'other', code: 'ERR_INVALID_URL', message: 'Invalid URL' },
]

describe('a request that got no answer', () => {
  it('names the field whose URL failed by its visible label, and points "Show me" at it', () => {
    for (const failure of failures) {
      const [token] = networkHints(failure, context('token'), 'https://auth.example.com/token')
      expect(token, failure.kind).toMatchObject({
        field: 'tokenUrl',
        message: expect.stringContaining('Token URL'),
      })
      const [api] = networkHints(failure, context('api'), 'https://api.example.com/v1')
      expect(api, failure.kind).toMatchObject({
        field: 'api.baseUrl',
        message: expect.stringContaining('API base URL'),
      })
    }
  })
})
