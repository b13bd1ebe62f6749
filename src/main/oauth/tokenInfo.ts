import { ERR_INTEGRATION_INCOMPLETE } from '../../shared/errorCodes'
import type { Diagnosis } from '../../shared/diagnosis'
import type { Exchange } from '../../shared/exchange'
import type { Preset } from '../../shared/preset'
import type { TokenInfoOutcome } from '../../shared/token'
import { diagnoseExchange, diagnoseInvalidTokenResponse, diagnoseNetworkFailure } from '../diagnose/diagnose'
import { TokenDeskError } from '../errors'
import { MAX_TOKEN_RESPONSE_BYTES, performExchange } from '../http/exchange'
import { parseJsonObject } from '../http/json'
import { createMasker, type PreparedRequest } from '../http/mask'
import type { Transport } from '../http/transport'
import type { ResolvedIntegration } from '../integration/resolve'
import { diagnosisContext } from './diagnosisContext'
import { clientFormPost } from './tokenRequest'

interface TokenInfoDeps {
  transport: Transport
  now: () => number
  onExchange?: (record: { exchange: Exchange; diagnosis?: Diagnosis }) => void
}

/** RFC 7662 §2.1: POST the token to the introspection endpoint, authenticated as the client. */
export async function introspectToken(
  deps: TokenInfoDeps,
  resolved: ResolvedIntegration,
  preset: Preset | undefined,
  accessToken: string,
): Promise<TokenInfoOutcome> {
  const url = required(
    resolved.introspectionUrl,
    'introspectionUrl',
    'Fill in the introspection URL (or the issuer, to discover it).',
  )
  const request = await clientFormPost(resolved, url, (authParams) => [
    ['token', accessToken],
    ['token_type_hint', 'access_token'],
    ...authParams,
  ])
  return send(deps, resolved, preset, accessToken, request, 'introspection')
}

/** OpenID Connect Core §5.3: who the token's user is, asked with the token itself. */
export async function fetchUserinfo(
  deps: TokenInfoDeps,
  resolved: ResolvedIntegration,
  preset: Preset | undefined,
  accessToken: string,
): Promise<TokenInfoOutcome> {
  const url = required(
    resolved.userinfoUrl,
    'userinfoUrl',
    'Fill in the userinfo URL (or the issuer, to discover it).',
  )
  const request: PreparedRequest = {
    method: 'GET',
    url,
    headers: [
      ['Accept', 'application/json'],
      ['Authorization', `Bearer ${accessToken}`],
    ],
    body: null,
  }
  return send(deps, resolved, preset, accessToken, request, 'userinfo')
}

async function send(
  deps: TokenInfoDeps,
  resolved: ResolvedIntegration,
  preset: Preset | undefined,
  accessToken: string,
  request: PreparedRequest,
  purpose: 'introspection' | 'userinfo',
): Promise<TokenInfoOutcome> {
  const masker = createMasker([...resolved.secrets, accessToken], resolved.secretNames)
  const { exchange, response, failure } = await performExchange(deps.transport, request, {
    purpose,
    timeoutMs: resolved.timeoutMs,
    maxResponseBytes: MAX_TOKEN_RESPONSE_BYTES,
    tls: resolved.tls,
    proxy: resolved.proxy,
    masker,
    now: deps.now,
  })
  const context = diagnosisContext(resolved, preset, 'api', request, response, deps.now())
  let outcome: TokenInfoOutcome
  if (failure || !response)
    outcome = { ok: false, exchange, diagnosis: diagnoseNetworkFailure(failure!, context, request.url) }
  else if (response.status >= 400)
    outcome = { ok: false, exchange, diagnosis: diagnoseExchange(exchange, context) }
  else {
    const claims = parseJsonObject(response.body)
    outcome = claims
      ? {
          ok: true,
          exchange,
          claims: JSON.parse(masker.text(JSON.stringify(claims))) as Record<string, unknown>,
        }
      : {
          ok: false,
          exchange,
          diagnosis: diagnoseInvalidTokenResponse(
            exchange,
            context,
            `The ${purpose} answer is not a JSON object.`,
          ),
        }
  }
  deps.onExchange?.({ exchange, diagnosis: outcome.diagnosis })
  return outcome
}

function required(value: string | undefined, field: string, message: string): string {
  if (!value) throw new TokenDeskError(ERR_INTEGRATION_INCOMPLETE, message, { field })
  return value
}
