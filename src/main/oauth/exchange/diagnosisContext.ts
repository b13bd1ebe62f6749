import type { Preset } from '../../../shared/preset'
import type { DiagnosisContext } from '../../diagnose/context'
import type { PreparedRequest } from '../../http/mask'
import type { HttpResponse } from '../../http/transport'
import type { ResolvedIntegration } from '../../integration/resolve'
import { looksPasted } from '../preflight'

const SPECIAL = /[+&=%/\s#?]|[^\x20-\x7e]/g

/** What the diagnosis needs to know about what was sent; holds facts about secrets, never their values. */
export function diagnosisContext(
  resolved: ResolvedIntegration,
  preset: Preset | undefined,
  purpose: 'token' | 'api',
  sent: PreparedRequest,
  response: HttpResponse | undefined,
  nowMs: number,
  extra: Partial<DiagnosisContext> = {},
): DiagnosisContext {
  const secret = resolved.basicAuth?.password ?? resolved.clientSecret ?? ''
  return {
    purpose,
    grant: resolved.grant,
    clientAuth: resolved.clientAuth,
    basicAuthOverride: resolved.basicAuth !== undefined,
    secretSpecialChars: [...new Set(secret.match(SPECIAL) ?? [])].map((char) =>
      /\s/.test(char) ? 'space' : char,
    ),
    secretLooksPasted: secret !== '' && looksPasted(secret),
    requestedScopes: resolved.scope,
    scopeSeparator: resolved.scopeSeparator,
    redirectUri: resolved.redirectUri,
    preset: preset && {
      id: preset.id,
      name: preset.name,
      scopeSeparator: preset.scopeSeparator,
      requiredTokenHeaders: preset.requiredTokenHeaders,
    },
    sentHeaderNames: sent.headers.map(([name]) => name.toLowerCase()),
    clockSkewSeconds: clockSkew(response, nowMs),
    ...extra,
  }
}

function clockSkew(response: HttpResponse | undefined, nowMs: number): number | undefined {
  const date = response?.headers.find(([name]) => name.toLowerCase() === 'date')?.[1]
  const serverMs = date ? Date.parse(date) : NaN
  return Number.isNaN(serverMs) ? undefined : Math.round((serverMs - nowMs) / 1000)
}
