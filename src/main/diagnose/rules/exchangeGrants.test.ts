import { describe, expect, it } from 'vitest'
import { GRANT_TYPE_URIS, TOKEN_TYPES } from '../../../shared/integration'
import { formBody } from '../../http/formEncoding'
import { diagnoseFor } from '../test/recordedExchange'

const exchangeBody = (extra: Array<[string, string]> = []) =>
  formBody([
    ['grant_type', GRANT_TYPE_URIS.token_exchange],
    ['audience', 'https://unknown.example.test'],
    ['subject_token', 'subject-token-secret-1'],
    ['subject_token_type', TOKEN_TYPES.access_token],
    ...extra,
  ])

const refusal = (requestBody: string, body: object) => ({
  url: 'https://as.example.test/token',
  requestBody,
  status: 400,
  body,
  secrets: ['subject-token-secret-1', 'actor-token-secret-2'],
})

describe('diagnosis of token exchange and JWT bearer refusals', () => {
  it('explains invalid_target by the audience sent and the fields to check', () => {
    const { diagnosis, hint } = diagnoseFor(refusal(exchangeBody(), { error: 'invalid_target' }), {
      grant: 'token_exchange',
    })
    expect(diagnosis.summary).toBe(
      'The vendor refused the requested audience or resource (HTTP 400, invalid_target).',
    )
    expect(hint('target-refused')).toEqual({
      code: 'target-refused',
      message: expect.stringContaining(
        '(sent: "https://unknown.example.test"), or will not issue this client a token for it. Check Audience and Resource',
      ),
      field: 'tokenExchange.audience',
    })
  })

  it('explains invalid_grant on a token exchange as a refused subject (and actor) token', () => {
    const { diagnosis, hint } = diagnoseFor(
      refusal(
        exchangeBody([
          ['actor_token', 'actor-token-secret-2'],
          ['actor_token_type', TOKEN_TYPES.jwt],
        ]),
        {
          error: 'invalid_grant',
          error_description: 'subject token invalid or expired',
        },
      ),
      { grant: 'token_exchange' },
    )
    expect(hint('subject-token-refused').message).toMatch(
      /^The server refused the Subject token or the Actor token: .* Subject token type or Actor token type\./,
    )
    // The generic "the grant's own credentials" advice does not repeat it.
    expect(diagnosis.hints.map((each) => each.code)).not.toContain('grant-credentials-refused')
    expect(JSON.stringify(diagnosis)).not.toContain('subject-token-secret-1')
  })

  it.each([
    ['signature verification failed', 'jwtBearer.privateKey', /public half of the Assertion signing key/],
    ['assertion expired', 'jwtBearer.expiresInSeconds', /expired or is not valid yet/],
    ['aud mismatch', 'jwtBearer.audience', /Assertion audience \(aud\)/],
    ['jti already used', 'jwtBearer.assertion', /used before \(jti\)/],
    ['unknown issuer', 'jwtBearer.issuer', /Assertion issuer \(iss\) and Assertion subject \(sub\)/],
  ])('explains a JWT bearer assertion refused with "%s"', (description, field, message) => {
    const { hint } = diagnoseFor(
      refusal(
        formBody([
          ['grant_type', GRANT_TYPE_URIS.jwt_bearer],
          ['assertion', 'eyJ.a.b'],
        ]),
        {
          error: 'invalid_grant',
          error_description: description,
        },
      ),
      { grant: 'jwt_bearer' },
    )
    expect(hint('assertion-refused')).toEqual({
      code: 'assertion-refused',
      message: expect.stringMatching(message),
      field,
    })
  })

  it('gives the whole checklist when the server says nothing about the assertion', () => {
    const { hint } = diagnoseFor(
      refusal(
        formBody([
          ['grant_type', GRANT_TYPE_URIS.jwt_bearer],
          ['assertion', 'eyJ.a.b'],
        ]),
        {
          error: 'invalid_grant',
        },
      ),
      { grant: 'jwt_bearer' },
    )
    expect(hint('assertion-refused').message).toContain(
      'Check the Assertion issuer (iss), Assertion subject (sub) and Assertion audience (aud)',
    )
  })
})
