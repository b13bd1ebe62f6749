import type { Integration } from '../../../shared/integration'
import type { TokenInfoOutcome } from '../../../shared/token'
import { createMasker, type PreparedRequest } from '../../http/mask'
import type { OAuthDeps } from '../deps'
import { sendAndProcess } from '../exchange/sendAndProcess'
import { prepareIntegration, type Prepared } from '../prepared'
import { processClaimsResponse } from '../responses/claimsResponse'
import { getToken, type TokenOptions } from './getToken'

/**
 * Asks the vendor about the integration's current token (introspection or userinfo): the token is
 * got (from the cache when fresh), the request built by `build`, and the claims returned masked.
 */
export async function askAboutCurrentToken(
  deps: OAuthDeps,
  integration: Integration,
  kind: 'introspection' | 'userinfo',
  build: (prepared: Prepared, accessToken: string) => Promise<PreparedRequest> | PreparedRequest,
  options: TokenOptions,
): Promise<TokenInfoOutcome> {
  const current = await getToken(deps, integration, options)
  if (!current.ok) return { ok: false, exchange: current.exchange, diagnosis: current.diagnosis }
  const ready = await prepareIntegration(deps, integration)
  if (!ready.ok) return { ok: false, exchange: ready.exchange, diagnosis: ready.diagnosis }
  const { prepared } = ready
  const accessToken = current.token.access_token
  const masker = createMasker([...prepared.resolved.secrets, accessToken], prepared.resolved.secretNames)
  const sent = await sendAndProcess(deps, prepared, {
    purpose: kind,
    request: await build(prepared, accessToken),
    masker,
    process: (response) => processClaimsResponse(response, kind),
    diagnosis: { purpose: 'api' },
    cacheKey: options.cacheKey,
  })
  if (!sent.ok) return { ok: false, exchange: sent.exchange, diagnosis: sent.diagnosis }
  return {
    ok: true,
    exchange: sent.exchange,
    claims: JSON.parse(masker.text(JSON.stringify(sent.value))) as Record<string, unknown>,
  }
}
