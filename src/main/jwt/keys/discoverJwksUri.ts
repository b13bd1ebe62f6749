import { displayUrl } from '../../http/displayUrl'
import type { Transport } from '../../http/transport'
import { discoveryUrl, getDiscoveryDocument } from '../../http/discoveryDocument'
import { KeyProblem } from './keyProblem'

/**
 * OpenID Connect Discovery 1.0 §4: the issuer's metadata names its key set as jwks_uri. Fetched like
 * the engine's discovery: through the transport (proxy), size-capped, same-origin redirects only.
 */
export async function discoverJwksUri(
  issuer: string,
  timeoutMs: number,
  transport: Transport,
): Promise<string> {
  const url = discoveryUrl(issuer)
  const shown = displayUrl(url)
  const got = await getDiscoveryDocument(transport, url, { timeoutMs, now: Date.now })
  if (!got.ok) {
    throw new KeyProblem(
      got.message.startsWith('Could not reach')
        ? got.message.replace('Could not reach', 'Could not reach the issuer’s discovery document at')
        : got.message,
    )
  }
  if (got.response.status !== 200) {
    throw new KeyProblem(
      `${displayUrl(got.url)} answered HTTP ${got.response.status}. Check the issuer URL: it is the token’s "iss", the part before /.well-known/openid-configuration.`,
    )
  }
  let metadata: unknown
  try {
    metadata = JSON.parse(got.response.body)
  } catch {
    throw new KeyProblem(`${shown} did not return JSON. Check the issuer URL.`)
  }
  const jwksUri = (metadata as { jwks_uri?: unknown } | null)?.jwks_uri
  if (typeof jwksUri !== 'string' || jwksUri === '') {
    throw new KeyProblem(
      `The discovery document at ${shown} names no jwks_uri, so the issuer publishes no keys there. Paste a public key instead.`,
    )
  }
  return jwksUri
}
