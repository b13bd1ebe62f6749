import { describe, expect, it } from 'vitest'
import { ERR_INTEGRATION_INCOMPLETE } from '../../../../shared/errorCodes'
import { TOKEN_TYPES, type Integration } from '../../../../shared/integration'
import { parseIntegration } from '../../../integration/parse'
import { resolveIntegration } from '../../../integration/resolve'
import { createMasker } from '../../../http/mask'
import { MASKED } from '../../../../shared/secretNames'
import { buildTokenRequest } from '../tokenRequest'
import { TOKEN_EXCHANGE_GRANT_TYPE, tokenExchangeGrant } from './tokenExchange'

const base: Integration = {
  grant: 'token_exchange',
  tokenUrl: 'https://as.example.test/token',
  clientId: 'gateway',
  clientSecret: 'gateway-secret',
}
const resolved = (extra: Partial<Integration>) =>
  resolveIntegration(parseIntegration({ ...base, ...extra }), {})

describe('token exchange request (RFC 8693 §2.1)', () => {
  it('sends the subject token and its type, every audience and resource, scope and the requested type', () => {
    const params = tokenExchangeGrant.params(
      resolved({
        scope: ['orders:read'],
        tokenExchange: {
          subjectToken: ' subject-token-1 ',
          subjectTokenType: TOKEN_TYPES.access_token,
          audience: ['https://orders.test', 'https://billing.test'],
          resource: ['https://orders.test/v1'],
          requestedTokenType: TOKEN_TYPES.jwt,
        },
      }),
      {},
    )
    expect(params).toEqual([
      ['grant_type', TOKEN_EXCHANGE_GRANT_TYPE],
      ['resource', 'https://orders.test/v1'],
      ['audience', 'https://orders.test'],
      ['audience', 'https://billing.test'],
      ['scope', 'orders:read'],
      ['requested_token_type', TOKEN_TYPES.jwt],
      ['subject_token', 'subject-token-1'],
      ['subject_token_type', TOKEN_TYPES.access_token],
    ])
  })

  it('adds the actor token and its type for delegation', () => {
    const params = tokenExchangeGrant.params(
      resolved({
        tokenExchange: {
          subjectToken: 's',
          subjectTokenType: TOKEN_TYPES.id_token,
          actorToken: 'actor-1',
          actorTokenType: TOKEN_TYPES.access_token,
        },
      }),
      {},
    )
    expect(params.slice(-2)).toEqual([
      ['actor_token', 'actor-1'],
      ['actor_token_type', TOKEN_TYPES.access_token],
    ])
  })

  it('asks for the subject token and its type, and the actor token’s type when there is an actor', () => {
    expect(tokenExchangeGrant.missing(resolved({}), {}).map(({ field }) => field)).toEqual([
      'tokenExchange.subjectToken',
      'tokenExchange.subjectTokenType',
    ])
    expect(
      tokenExchangeGrant
        .missing(
          resolved({ tokenExchange: { subjectToken: 's', subjectTokenType: 't', actorToken: 'a' } }),
          {},
        )
        .map(({ field }) => field),
    ).toEqual(['tokenExchange.actorTokenType'])
  })

  it('plugs into the token request like any grant: form body, client authentication, labels', async () => {
    await expect(buildTokenRequest(resolved({}), tokenExchangeGrant, {})).rejects.toMatchObject({
      code: ERR_INTEGRATION_INCOMPLETE,
      field: 'tokenExchange.subjectToken',
      message: 'Still needed before a token can be requested: Subject token and Subject token type.',
    })
    const request = await buildTokenRequest(
      resolved({ tokenExchange: { subjectToken: 'abc', subjectTokenType: TOKEN_TYPES.access_token } }),
      tokenExchangeGrant,
      {},
    )
    expect(request.headers).toContainEqual(['Authorization', expect.stringMatching(/^Basic /)])
    expect(new URLSearchParams(request.body!).get('grant_type')).toBe(TOKEN_EXCHANGE_GRANT_TYPE)
    expect(new URLSearchParams(request.body!).get('subject_token_type')).toBe(TOKEN_TYPES.access_token)
  })

  it('records the request with the subject and actor tokens masked', async () => {
    const integration = resolved({
      tokenExchange: {
        subjectToken: 'subject-secret-value',
        subjectTokenType: TOKEN_TYPES.access_token,
        actorToken: 'actor-secret-value',
        actorTokenType: TOKEN_TYPES.access_token,
      },
    })
    const request = await buildTokenRequest(integration, tokenExchangeGrant, {})
    const recorded = createMasker(integration.secrets, integration.secretNames).request(request)
    expect(recorded.body).not.toMatch(/subject-secret-value|actor-secret-value/)
    const sent = new URLSearchParams(recorded.body!)
    expect([sent.get('subject_token'), sent.get('actor_token')]).toEqual([MASKED, MASKED])
    expect(sent.get('subject_token_type')).toBe(TOKEN_TYPES.access_token)
  })
})
