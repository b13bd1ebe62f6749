import type { Hint } from '../../shared/diagnosis'
import type { DiagnosisContext } from './context'
import type { Evidence } from './evidence'
import { explainOAuthError } from './oauthErrors'
import { clockSkew, expiredToken, forbiddenToken, tokenNotAccepted } from './rules/accessToken'
import { clientAuthStyle, secretEncoding, secretPasted } from './rules/clientCredentials'
import { dpopBoundTokenSentAsBearer, dpopNonceRequired, dpopProofRefused } from './rules/dpop'
import { assertionRefused, subjectTokenRefused, targetRefused } from './rules/exchangeGrants'
import { forbidden, missingRequiredHeader, rateLimited, subscriptionKeyInvalid } from './rules/gateway'
import {
  authorizationCodeRefused,
  deviceFlow,
  grantCredentialsRefused,
  redirectUriMismatch,
  refreshTokenRefused,
  unauthorizedClient,
  unsupportedGrant,
} from './rules/grants'
import type { HintRule } from './rules/hintRule'
import { insufficientScope, scopeMaybeNotDeclared, scopeNotDeclared, scopeSeparator } from './rules/scopes'
import {
  htmlResponse,
  notATokenResponse,
  redirected,
  serverError,
  wrongContentType,
  wrongUrl,
} from './rules/shape'
import { withoutFinalStop } from './wording'

export type { HintRule } from './rules/hintRule'

/** Order is likelihood: the most specific evidence first, generic advice last. */
export const RESPONSE_RULES: HintRule[] = [
  deviceFlow,
  htmlResponse,
  redirected,
  wrongUrl,
  missingRequiredHeader,
  subscriptionKeyInvalid,
  rateLimited,
  wrongContentType,
  secretPasted,
  secretEncoding,
  redirectUriMismatch,
  authorizationCodeRefused,
  refreshTokenRefused,
  dpopNonceRequired,
  dpopProofRefused,
  dpopBoundTokenSentAsBearer,
  targetRefused,
  subjectTokenRefused,
  assertionRefused,
  grantCredentialsRefused,
  unsupportedGrant,
  unauthorizedClient,
  scopeNotDeclared,
  scopeSeparator,
  insufficientScope,
  clockSkew,
  expiredToken,
  clientAuthStyle,
  tokenNotAccepted,
  forbiddenToken,
  forbidden,
  scopeMaybeNotDeclared,
  serverError,
]

/** Every rule that applies, in rule order, one hint per code; the OAuth error's meaning when none does. */
export function responseHints(evidence: Evidence, context: DiagnosisContext): Hint[] {
  const hints = collect(RESPONSE_RULES, evidence, context)
  return hints.length ? hints : fallbackHints(evidence)
}

const INVALID_RESPONSE_RULES: HintRule[] = [htmlResponse, notATokenResponse]

/** Hints for a 2xx token response without a usable token. */
export function invalidResponseHints(evidence: Evidence, context: DiagnosisContext): Hint[] {
  return collect(INVALID_RESPONSE_RULES, evidence, context)
}

/** Runs rules in order, keeping one hint per code (the first, the most specific) and no repeated advice. */
function collect(rules: HintRule[], evidence: Evidence, context: DiagnosisContext): Hint[] {
  const hints: Hint[] = []
  for (const rule of rules) {
    const hint = rule(evidence, context)
    if (hint && !hints.some((each) => each.code === hint.code || each.message === hint.message))
      hints.push(hint)
  }
  return hints
}

function fallbackHints(evidence: Evidence): Hint[] {
  if (evidence.error) {
    const explained = explainOAuthError(evidence.error)
    const said = evidence.errorDescription
      ? ` The server says: ${withoutFinalStop(evidence.errorDescription)}.`
      : ''
    const meaning = explained
      ? `${explained.meaning}${said} (${evidence.error}, ${explained.source})`
      : `"${evidence.error}" is the vendor’s own error code, not a standard OAuth one: look it up in the vendor’s documentation.${said}`
    return [{ code: 'oauth-error', message: meaning }]
  }
  if (evidence.status < 400 || evidence.status > 499) return []
  return [
    {
      code: 'compare-with-docs',
      message:
        'Compare the request with the vendor’s documentation — URL, Content-Type, grant_type, scope and any required headers; "Copy as curl" shows exactly what was sent.',
    },
  ]
}
