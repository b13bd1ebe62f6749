/** Rules about the grants that trade a token or an assertion: token exchange (RFC 8693), JWT bearer (RFC 7523). */
import { fieldLabel, listOf } from '../../../shared/fieldLabels'
import { GRANT_TYPE_URIS } from '../../../shared/integration'
import type { DiagnosisContext } from '../context'
import type { Evidence } from '../evidence'
import { errorIs, mentions, sentGrant, type HintRule } from './hintRule'

/** Values named in a hint: enough to recognise. */
const MAX_NAMED = 5

function isGrant(
  evidence: Evidence,
  context: DiagnosisContext,
  grant: keyof typeof GRANT_TYPE_URIS,
): boolean {
  const sent = sentGrant(evidence, context)
  return sent === GRANT_TYPE_URIS[grant] || sent === grant
}

/** RFC 8693 §2.2.2, RFC 8707 §2: the audience or resource asked for is unknown, or not for this client. */
export const targetRefused: HintRule = (evidence, context) => {
  if (!errorIs(evidence, 'invalid_target')) return null
  const sent = [...evidence.sentParams.getAll('audience'), ...evidence.sentParams.getAll('resource')]
  const named = sent.length
    ? ` (sent: ${sent
        .slice(0, MAX_NAMED)
        .map((value) => `"${value.slice(0, 200)}"`)
        .join(', ')})`
    : ''
  const exchange = isGrant(evidence, context, 'token_exchange')
  const fields = exchange
    ? listOf([fieldLabel('tokenExchange.audience'), fieldLabel('tokenExchange.resource')])
    : 'the resource parameter'
  return {
    code: 'target-refused',
    message: `The server does not know the audience or resource asked for${named}, or will not issue this client a token for it. Check ${fields} against the vendor’s list of APIs: spelt exactly, with scheme and trailing slash as the vendor writes them${exchange ? ', or leave them empty to let the server choose' : ''}.`,
    field: exchange ? 'tokenExchange.audience' : undefined,
  }
}

/** invalid_grant on a token exchange: the subject (or actor) token is what was refused (RFC 8693 §2.2.2). */
export const subjectTokenRefused: HintRule = (evidence, context) => {
  if (!errorIs(evidence, 'invalid_grant') || !isGrant(evidence, context, 'token_exchange')) return null
  const actor = evidence.sentParams.has('actor_token')
  const tokens = actor
    ? `${fieldLabel('tokenExchange.subjectToken')} or the ${fieldLabel('tokenExchange.actorToken')}`
    : fieldLabel('tokenExchange.subjectToken')
  return {
    code: 'subject-token-refused',
    message: `The server refused the ${tokens}: it expired, was revoked, was issued by a server this one does not trust, or its type is not the one named in ${fieldLabel('tokenExchange.subjectTokenType')}${actor ? ` or ${fieldLabel('tokenExchange.actorTokenType')}` : ''}. Paste a fresh token and check its type.`,
    field: 'tokenExchange.subjectToken',
  }
}

/** What the server's words say was wrong with the assertion, most telling first. */
const ASSERTION_PROBLEMS: Array<{ words: RegExp; cause: string; field: string }> = [
  {
    words: /signature|verif|key/,
    cause: `its signature does not check out with the public key the server has for the issuer: register the public half of the ${fieldLabel('jwtBearer.privateKey')} with the vendor, or use the key whose public half is registered.`,
    field: 'jwtBearer.privateKey',
  },
  {
    words: /expired|\bexp\b|too old|not yet|\biat\b|\bnbf\b/,
    cause: `it has expired or is not valid yet by the server’s clock: set this computer’s clock to update automatically, or paste a fresh assertion (the ${fieldLabel('jwtBearer.expiresInSeconds')} sets how long a signed one lasts).`,
    field: 'jwtBearer.expiresInSeconds',
  },
  {
    words: /aud|audience/,
    cause: `its audience (aud) is not this server: set the ${fieldLabel('jwtBearer.audience')} to what the vendor documents, usually its token URL or issuer.`,
    field: 'jwtBearer.audience',
  },
  {
    words: /jti|replay|already used|reuse/,
    cause:
      'it was used before (jti): the server accepts each assertion once. Send the request again, which signs a new one, or paste a new assertion.',
    field: 'jwtBearer.assertion',
  },
  {
    words: /\biss\b|issuer|\bsub\b|subject/,
    cause: `the server does not know its issuer (iss) or subject (sub): check the ${fieldLabel('jwtBearer.issuer')} and ${fieldLabel('jwtBearer.subject')} against what the vendor registered.`,
    field: 'jwtBearer.issuer',
  },
]

/** invalid_grant on a JWT bearer request: the assertion is what was refused (RFC 7523 §3.1). */
export const assertionRefused: HintRule = (evidence, context) => {
  if (!errorIs(evidence, 'invalid_grant') || !isGrant(evidence, context, 'jwt_bearer')) return null
  const problem = ASSERTION_PROBLEMS.find(({ words }) => mentions(evidence, words))
  if (problem) {
    return {
      code: 'assertion-refused',
      message: `The server refused the assertion because ${problem.cause}`,
      field: problem.field,
    }
  }
  return {
    code: 'assertion-refused',
    message: `The server refused the assertion. It checks the signature against the key registered for the issuer, that iss, sub and aud are what it expects (aud is usually its token URL), that it has not expired, and that it was not used before. Check the ${listOf(['jwtBearer.issuer', 'jwtBearer.subject', 'jwtBearer.audience'].map((field) => fieldLabel(field)))}, and that the public half of the ${fieldLabel('jwtBearer.privateKey')} is registered with the vendor; a pasted assertion may simply have expired.`,
    field: 'jwtBearer.privateKey',
  }
}
