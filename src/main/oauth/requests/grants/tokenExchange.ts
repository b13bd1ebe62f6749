import { GRANT_TYPE_URIS } from '../../../../shared/integration'
import { scopeParam, type Grant, type MissingField } from './grant'

export const TOKEN_EXCHANGE_GRANT_TYPE = GRANT_TYPE_URIS.token_exchange

/**
 * RFC 8693 §2.1: trade a subject token (and, for delegation, an actor token) for a token for another
 * audience or resource. subject_token_type is required; actor_token_type is, when an actor token is sent.
 */
export const tokenExchangeGrant: Grant = {
  grantType: TOKEN_EXCHANGE_GRANT_TYPE,
  missing: (resolved) => {
    const exchange = resolved.tokenExchange
    const missing: MissingField[] = []
    if (!exchange?.subjectToken)
      missing.push({
        field: 'tokenExchange.subjectToken',
        message:
          'Paste the token to exchange (the subject token), e.g. an access token the user got from another app.',
      })
    if (!exchange?.subjectTokenType)
      missing.push({
        field: 'tokenExchange.subjectTokenType',
        message:
          'Choose what kind of token the subject token is, e.g. urn:ietf:params:oauth:token-type:access_token.',
      })
    if (exchange?.actorToken && !exchange.actorTokenType)
      missing.push({
        field: 'tokenExchange.actorTokenType',
        message:
          'Choose what kind of token the actor token is, e.g. urn:ietf:params:oauth:token-type:access_token.',
      })
    return missing
  },
  params: (resolved) => {
    const exchange = resolved.tokenExchange
    const params: Array<[string, string]> = [['grant_type', TOKEN_EXCHANGE_GRANT_TYPE]]
    // RFC 8693 §2.1: resource and audience may each be sent more than once.
    for (const resource of exchange?.resource ?? []) params.push(['resource', resource])
    for (const audience of exchange?.audience ?? []) params.push(['audience', audience])
    params.push(...scopeParam(resolved))
    if (exchange?.requestedTokenType) params.push(['requested_token_type', exchange.requestedTokenType])
    params.push(
      ['subject_token', exchange?.subjectToken?.trim() ?? ''],
      ['subject_token_type', exchange?.subjectTokenType ?? ''],
    )
    if (exchange?.actorToken) {
      params.push(
        ['actor_token', exchange.actorToken.trim()],
        ['actor_token_type', exchange.actorTokenType ?? ''],
      )
    }
    return params
  },
}
