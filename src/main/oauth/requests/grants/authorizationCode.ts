import type { Grant } from './grant'

/**
 * RFC 6749 §4.1.3: exchange the code from the consent step (or a pasted PIN, AffinityLive's
 * installed-app flow) for tokens. redirect_uri must be the one used on the authorize request.
 */
export const authorizationCodeGrant: Grant = {
  grantType: 'authorization_code',
  missing: (resolved, input) =>
    (input.code ?? resolved.code)
      ? []
      : [
          {
            field: 'code',
            message: 'Paste the authorization code (or PIN) the vendor showed after you approved access.',
          },
        ],
  params: (resolved, input) => {
    const params: Array<[string, string]> = [
      ['grant_type', 'authorization_code'],
      ['code', (input.code ?? resolved.code ?? '').trim()],
    ]
    const redirectUri = input.redirectUri ?? resolved.redirectUri
    if (redirectUri) params.push(['redirect_uri', redirectUri])
    // RFC 7636 §4.5
    if (input.codeVerifier) params.push(['code_verifier', input.codeVerifier])
    return params
  },
}
