import { createRemoteJWKSet, customFetch, type FetchImplementation, type JWSHeaderParameters } from 'jose'
import type { Candidate } from './candidate'
import { describeJwksFailure, type JwksResponse } from './jwksFailure'
import { KeyProblem } from './keyProblem'
import { keySetCandidates } from './keySetCandidates'

/** Fetches the JWKS at `url` (no redirects followed) and picks the keys that fit the token. */
export async function remoteKeySetCandidates(
  url: string,
  header: JWSHeaderParameters,
  timeoutMs: number,
  source: string,
): Promise<Candidate[]> {
  let parsedUrl: URL
  try {
    parsedUrl = new URL(url)
  } catch {
    throw new KeyProblem(`“${url}” is not a URL. Type the full JWKS URL, starting with https://.`)
  }
  const seen: JwksResponse = {}
  const keySet = createRemoteJWKSet(parsedUrl, {
    timeoutDuration: timeoutMs,
    [customFetch]: recordingFetch(seen),
  })
  try {
    return await keySetCandidates(keySet, () => keySet.jwks(), header, source)
  } catch (error) {
    if (error instanceof KeyProblem) throw error
    throw new KeyProblem(await describeJwksFailure(error, url, seen, timeoutMs))
  }
}

/** jose reports only that the fetch failed; keep what was answered, to say why. */
function recordingFetch(seen: JwksResponse): FetchImplementation {
  return async (resource, init) => {
    const response = await fetch(resource, init)
    Object.assign(seen, {
      status: response.status,
      location: response.headers.get('location'),
      body: response
        .clone()
        .text()
        .catch(() => ''),
    })
    return response
  }
}
