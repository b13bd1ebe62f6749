import { generateKeyPairSync } from 'node:crypto'
import { createLocalJWKSet, jwtVerify, type JWK } from 'jose'
import { describe, expect, it } from 'vitest'
import { ERR_ASSERTION_KEY, ERR_INTEGRATION_INCOMPLETE } from '../../../../shared/errorCodes'
import type { Integration } from '../../../../shared/integration'
import { parseIntegration } from '../../../integration/parse'
import { resolveIntegration } from '../../../integration/resolve'
import { createMasker } from '../../../http/mask'
import { MASKED } from '../../../../shared/secretNames'
import { buildTokenRequest } from '../tokenRequest'
import { JWT_BEARER_GRANT_TYPE, jwtBearerAssertion, jwtBearerGrant } from './jwtBearer'

const TOKEN_URL = 'https://as.example.test/token'
const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' })
const keyPem = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString()
const keys = createLocalJWKSet({ keys: [publicKey.export({ format: 'jwk' }) as JWK] })

const base: Integration = { grant: 'jwt_bearer', tokenUrl: TOKEN_URL, clientId: 'app-1', scope: ['reports'] }
const resolved = (extra: Partial<Integration>) =>
  resolveIntegration(parseIntegration({ ...base, ...extra }), {})

describe('JWT bearer request (RFC 7523 §2.1)', () => {
  it('sends a pasted assertion as is, with the scope', async () => {
    const integration = resolved({ jwtBearer: { assertion: ' eyJ.pasted.assertion ' } })
    const assertion = await jwtBearerAssertion(integration, TOKEN_URL)
    expect(jwtBearerGrant(assertion).params(integration, {})).toEqual([
      ['grant_type', JWT_BEARER_GRANT_TYPE],
      ['assertion', 'eyJ.pasted.assertion'],
      ['scope', 'reports'],
    ])
  })

  it('signs one with the user’s key: iss the client ID unless set, aud the token URL unless set', async () => {
    const signed = await jwtBearerAssertion(
      resolved({ jwtBearer: { privateKey: keyPem, subject: 'user-42' } }),
      TOKEN_URL,
    )
    const { payload } = await jwtVerify(signed!, keys, {
      issuer: 'app-1',
      audience: TOKEN_URL,
      subject: 'user-42',
    })
    expect(payload.exp! - payload.iat!).toBe(300)
    const own = await jwtBearerAssertion(
      resolved({
        jwtBearer: {
          privateKey: keyPem,
          subject: 'u',
          issuer: 'svc@example.test',
          audience: 'https://as.example.test',
        },
      }),
      TOKEN_URL,
    )
    await jwtVerify(own!, keys, { issuer: 'svc@example.test', audience: 'https://as.example.test' })
  })

  it('asks for an assertion or a key, then for the subject', async () => {
    const none = resolved({})
    expect(jwtBearerGrant(await jwtBearerAssertion(none, TOKEN_URL)).missing(none, {})).toEqual([
      expect.objectContaining({ field: 'jwtBearer.assertion' }),
    ])
    const keyOnly = resolved({ clientId: undefined, jwtBearer: { privateKey: keyPem } })
    expect(await jwtBearerAssertion(keyOnly, TOKEN_URL)).toBeUndefined()
    expect(
      jwtBearerGrant(undefined)
        .missing(keyOnly, {})
        .map(({ field }) => field),
    ).toEqual(['jwtBearer.issuer', 'jwtBearer.subject'])
  })

  it('refuses a key it cannot read, naming the field', async () => {
    await expect(
      jwtBearerAssertion(resolved({ jwtBearer: { privateKey: 'not a key', subject: 'u' } }), TOKEN_URL),
    ).rejects.toMatchObject({ code: ERR_ASSERTION_KEY, field: 'jwtBearer.privateKey' })
  })

  it('plugs into the token request like any grant, with the labels the form shows', async () => {
    await expect(buildTokenRequest(resolved({}), jwtBearerGrant(undefined), {})).rejects.toMatchObject({
      code: ERR_INTEGRATION_INCOMPLETE,
      field: 'jwtBearer.assertion',
      message: expect.stringContaining('Assertion (pasted JWT)'),
    })
    const request = await buildTokenRequest(resolved({}), jwtBearerGrant('eyJ.a.b'), {})
    expect(new URLSearchParams(request.body!).getAll('assertion')).toEqual(['eyJ.a.b'])
  })

  it('records the request with a freshly signed assertion masked', async () => {
    const integration = resolved({ jwtBearer: { privateKey: keyPem, subject: 'user-42' } })
    const assertion = await jwtBearerAssertion(integration, TOKEN_URL)
    const request = await buildTokenRequest(integration, jwtBearerGrant(assertion), {})
    const recorded = createMasker(integration.secrets, integration.secretNames).request(request)
    expect(recorded.body).not.toContain(assertion)
    expect(new URLSearchParams(recorded.body!).get('assertion')).toBe(MASKED)
  })
})
