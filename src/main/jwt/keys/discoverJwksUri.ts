import { classifyNetworkError } from '../../diagnose/networkErrors'
import { discoveryUrl } from '../../oauth/discovery'
import { KeyProblem } from './keyProblem'

/** OpenID Connect Discovery 1.0 §4: the issuer's metadata names its key set as jwks_uri. */
export async function discoverJwksUri(issuer: string, timeoutMs: number): Promise<string> {
  const url = discoveryUrl(issuer)
  let response: Response
  try {
    response = await fetch(url, {
      headers: { accept: 'application/json' },
      signal: AbortSignal.timeout(timeoutMs),
    })
  } catch (error) {
    throw new KeyProblem(
      `Could not reach the issuer’s discovery document at ${url}: ${classifyNetworkError(error).message}`,
    )
  }
  if (response.status !== 200) {
    throw new KeyProblem(
      `${url} answered HTTP ${response.status}. Check the issuer URL: it is the token’s "iss", the part before /.well-known/openid-configuration.`,
    )
  }
  let metadata: unknown
  try {
    metadata = await response.json()
  } catch (error) {
    if (error instanceof Error && error.name === 'TimeoutError') {
      throw new KeyProblem(
        `The discovery document at ${url} did not arrive within ${Math.round(timeoutMs / 1000)} s.`,
      )
    }
    throw new KeyProblem(`${url} did not return JSON. Check the issuer URL.`)
  }
  const jwksUri = (metadata as { jwks_uri?: unknown } | null)?.jwks_uri
  if (typeof jwksUri !== 'string' || jwksUri === '') {
    throw new KeyProblem(
      `The discovery document at ${url} names no jwks_uri, so the issuer publishes no keys there. Paste a public key instead.`,
    )
  }
  return jwksUri
}
