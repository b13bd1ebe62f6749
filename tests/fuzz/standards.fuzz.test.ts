import fc from 'fast-check'
import { describe, expect, it, vi } from 'vitest'
import { ERR_ASSERTION_KEY, ERR_DPOP_KEY } from '../../src/shared/errorCodes'
import { GRANT_TYPE_URIS } from '../../src/shared/integration'
import { diagnoseFor } from '../../src/main/diagnose/test/recordedExchange'
import { TokenDeskError } from '../../src/main/errors'
import { readSigningKey } from '../../src/main/oauth/assertions/signingKey'
import { readDpopNonceChallenge } from '../../src/main/oauth/dpop/nonceChallenge'
import { importDpopKey } from '../../src/main/oauth/dpop/proofKey'
import { hostileText } from './hostile'

vi.setConfig({ testTimeout: 90_000 })

const NONCE = /^[\x21\x23-\x5b\x5d-\x7e]+$/

describe('hostile answers and keys for DPoP, token exchange and JWT bearer', () => {
  it('reads a nonce challenge from anything without throwing, and only a valid nonce', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(400, 401, 200, 500),
        hostileText,
        hostileText,
        fc.oneof(hostileText, fc.constant('{"error":"use_dpop_nonce"}')),
        (status, challenge, nonce, body) => {
          const found = readDpopNonceChallenge({
            status,
            headers: [
              ['WWW-Authenticate', `DPoP error="use_dpop_nonce", ${challenge}`],
              ['DPoP-Nonce', nonce],
            ],
            body,
          })
          expect(found === undefined || NONCE.test(found)).toBe(true)
        },
      ),
      { numRuns: 300 },
    )
  })

  it('refuses any text that is not a key with its own coded error, never a stack trace', async () => {
    await fc.assert(
      fc.asyncProperty(hostileText, async (text) => {
        await expect(importDpopKey(text)).rejects.toMatchObject({ code: ERR_DPOP_KEY })
        expect(() => readSigningKey(text, 'jwtBearer.privateKey')).toThrow(TokenDeskError)
        try {
          readSigningKey(text, 'jwtBearer.privateKey')
        } catch (error) {
          expect((error as TokenDeskError).code).toBe(ERR_ASSERTION_KEY)
        }
      }),
      { numRuns: 150 },
    )
  })

  it('diagnoses any refusal of these grants and proofs without throwing', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('invalid_dpop_proof', 'use_dpop_nonce', 'invalid_target', 'invalid_grant'),
        fc.constantFrom(GRANT_TYPE_URIS.jwt_bearer, GRANT_TYPE_URIS.token_exchange),
        hostileText,
        hostileText,
        (error, grantType, description, challenge) => {
          const { diagnosis } = diagnoseFor({
            url: 'https://as.example.test/token',
            requestBody: `grant_type=${encodeURIComponent(grantType)}&audience=x`,
            requestHeaders: [['DPoP', `${challenge.slice(0, 5000)}.x.y`]],
            status: error === 'use_dpop_nonce' || error === 'invalid_dpop_proof' ? 401 : 400,
            headers: [
              ['Content-Type', 'application/json'],
              ['WWW-Authenticate', `DPoP ${challenge}`],
            ],
            body: { error, error_description: description },
          })
          expect(diagnosis.hints.length).toBeGreaterThan(0)
        },
      ),
      { numRuns: 200 },
    )
  })
})
