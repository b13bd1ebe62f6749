import type { Diagnosis } from '../../shared/diagnosis'
import type { Exchange } from '../../shared/exchange'

/**
 * Discovery (OIDC Discovery §4, RFC 8414 §3) went wrong before any token request: the issuer could not
 * be reached, answered no usable document, or named another issuer. Shown like any refusal, with the
 * Issuer field to fix. `message` already names the issuer and what to do.
 */
export function diagnoseDiscoveryFailure(failure: {
  message: string
  exchange?: Exchange
  unreachable?: boolean
}): Diagnosis {
  const response = failure.exchange?.response
  return {
    kind: failure.unreachable ? 'network' : response ? 'http-error' : 'invalid-response',
    ...(response ? { status: response.status } : {}),
    ...(failure.exchange?.networkError ? { networkErrorKind: failure.exchange.networkError.kind } : {}),
    vendor: {},
    summary: `Discovery failed: ${failure.message}`,
    hints: [
      {
        code: 'discovery-failed',
        field: 'issuer',
        message:
          'TokenDesk reads the endpoints from the issuer’s /.well-known/openid-configuration. Check the Issuer, or clear it and fill in the endpoint URLs yourself.',
      },
    ],
  }
}
