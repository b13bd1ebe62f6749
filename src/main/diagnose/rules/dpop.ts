/** Rules about DPoP (RFC 9449): a refused proof, a nonce asked for, a bound token sent as Bearer. */
import { fieldLabel } from '../../../shared/fieldLabels'
import type { DiagnosisContext } from '../context'
import type { Evidence } from '../evidence'
import { errorIs, mentions, type HintRule } from './hintRule'

const KEY = fieldLabel('dpop.algorithm')
const USE_DPOP = fieldLabel('dpop.enabled')

/** What the server's words say was wrong with the proof, most telling first. */
const PROOF_PROBLEMS: Array<{
  words: RegExp
  cause: string
  field?: (context: DiagnosisContext) => string
}> = [
  {
    words: /replay|jti/,
    cause:
      'the server has seen this proof before (jti): a proof is good for one request only. Send the request again, which makes a fresh proof; if it keeps happening, something between TokenDesk and the server repeats requests.',
  },
  {
    words: /\bhtu\b/,
    cause: `the proof names another URL than the one the server received (htu). If a proxy or gateway in front of the server changes the host, port or path, use the address the server itself sees in the ${fieldLabel('tokenUrl')} or ${fieldLabel('api.baseUrl')}.`,
    field: (context) => (context.purpose === 'token' ? 'tokenUrl' : 'api.baseUrl'),
  },
  {
    words: /\bhtm\b/,
    cause:
      'the proof names another HTTP method than the request’s (htm): something rewrote the method on the way.',
  },
  {
    words: /\bath\b/,
    cause:
      'the proof was made for another access token than the one sent (ath): get a new token with DPoP on, and call again.',
  },
  {
    words: /\biat\b|recent|clock|time/,
    cause:
      'the proof’s time (iat) is too far from the server’s clock: set this computer’s clock to update automatically.',
  },
  {
    words: /alg|algorithm|signature|key binding/,
    cause: `the server could not check the proof’s signature with its algorithm: choose a ${KEY} the server accepts (its dpop_signing_alg_values_supported).`,
    field: () => 'dpop.algorithm',
  },
]

export const dpopProofRefused: HintRule = (evidence, context) => {
  if (!errorIs(evidence, 'invalid_dpop_proof')) return null
  const accepted = acceptedAlgorithms(evidence)
  const sentAlg = sentProofAlgorithm(evidence)
  if (accepted && sentAlg && !accepted.includes(sentAlg)) {
    return {
      code: 'dpop-proof-refused',
      message: `The server accepts DPoP proofs signed with ${accepted.join(', ')}, and this one was ${sentAlg}: change the ${KEY} to one of those (TokenDesk makes a new key).`,
      field: 'dpop.algorithm',
    }
  }
  const problem = PROOF_PROBLEMS.find(({ words }) => mentions(evidence, words))
  if (problem) {
    return {
      code: 'dpop-proof-refused',
      message: `The DPoP proof was refused because ${problem.cause}`,
      ...(problem.field ? { field: problem.field(context) } : {}),
    }
  }
  return {
    code: 'dpop-proof-refused',
    message: `The DPoP proof was refused. A proof names the request’s method and URL without its query (htm, htu), carries the time (iat), is used once (jti) and, on API calls, the hash of the access token (ath). Check this computer’s clock, that the URL is the one the server sees, and that the server accepts the ${KEY}.`,
  }
}

export const dpopNonceRequired: HintRule = (evidence) => {
  if (!errorIs(evidence, 'use_dpop_nonce')) return null
  if (!evidence.header('dpop-nonce')) {
    return {
      code: 'dpop-nonce',
      message:
        'The server wants DPoP proofs to carry a nonce it hands out, but this answer has no DPoP-Nonce header to take it from: a proxy or gateway may be removing that header. Ask for it to be let through.',
    }
  }
  return {
    code: 'dpop-nonce',
    message:
      'Not a mistake in the integration: the server wants each DPoP proof to carry a nonce it hands out (the DPoP-Nonce header), and TokenDesk answers that once with a new proof. If the retry is refused the same way, the server changed its nonce again at once: try again in a moment.',
  }
}

/** RFC 9449 §7.1: a resource that wants DPoP answers a Bearer token with a DPoP challenge. */
export const dpopBoundTokenSentAsBearer: HintRule = (evidence, context) => {
  if (context.purpose !== 'api' || evidence.status !== 401) return null
  const sentScheme = evidence.sentHeader('authorization')?.split(' ')[0]?.toLowerCase()
  if (sentScheme !== 'bearer' || !evidence.challenges.some((each) => /^dpop$/i.test(each.scheme))) return null
  if (evidence.challenges.some((each) => /^bearer$/i.test(each.scheme))) return null
  return {
    code: 'dpop-required',
    message: `The API takes DPoP-bound tokens only (it answered with a DPoP challenge), and this token was sent as Bearer. Turn on ${USE_DPOP}, get a new token, and call again.`,
    field: 'dpop.enabled',
  }
}

function acceptedAlgorithms(evidence: Evidence): string[] | undefined {
  const algs = evidence.challenges.find((each) => /^dpop$/i.test(each.scheme))?.params.algs
  return algs ? algs.split(' ').filter(Boolean).slice(0, 20) : undefined
}

/** The alg in the protected header of the proof sent (it is not a secret: a signed, single-use statement). */
function sentProofAlgorithm(evidence: Evidence): string | undefined {
  const proof = evidence.sentHeader('dpop')
  const header = proof?.split('.', 1)[0]
  if (!header || header.length > 4096) return undefined
  try {
    const alg: unknown = (JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as { alg?: unknown })
      .alg
    return typeof alg === 'string' ? alg.slice(0, 20) : undefined
  } catch {
    return undefined
  }
}
