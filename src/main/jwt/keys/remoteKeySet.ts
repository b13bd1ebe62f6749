import { createRemoteJWKSet, customFetch, type FetchImplementation, type JWSHeaderParameters } from 'jose'
import { displayUrl } from '../../http/displayUrl'
import type { Transport } from '../../http/transport'
import type { Candidate } from './candidate'
import { describeJwksFailure, type JwksResponse } from './jwksFailure'
import { KeyProblem } from './keyProblem'
import { keySetCandidates } from './keySetCandidates'

/** A key set is a few kilobytes; the token endpoint's cap (1 MiB) is ample and bounds memory. */
export const MAX_JWKS_BYTES = 1024 * 1024

/** Fetches the JWKS at `url` (no redirects followed) and picks the keys that fit the token. */
export async function remoteKeySetCandidates(
  url: string,
  header: JWSHeaderParameters,
  timeoutMs: number,
  source: string,
  transport: Transport,
): Promise<Candidate[]> {
  const shown = displayUrl(url)
  let parsedUrl: URL
  try {
    parsedUrl = new URL(url)
  } catch {
    throw new KeyProblem(`“${shown}” is not a URL. Type the full JWKS URL, starting with https://.`)
  }
  const seen: JwksResponse = {}
  const keySet = createRemoteJWKSet(parsedUrl, {
    timeoutDuration: timeoutMs,
    [customFetch]: transportFetch(transport, timeoutMs, seen),
  })
  try {
    return await keySetCandidates(keySet, () => keySet.jwks(), header, source)
  } catch (error) {
    if (error instanceof KeyProblem) throw error
    throw new KeyProblem(await describeJwksFailure(error, shown, seen, timeoutMs))
  }
}

/**
 * jose's fetch, served by TokenDesk's transport: the proxy applies, and reading stops at
 * MAX_JWKS_BYTES. What was answered is kept, to say why a fetch failed (jose only says that it did).
 */
function transportFetch(transport: Transport, timeoutMs: number, seen: JwksResponse): FetchImplementation {
  return async (resource, init) => {
    const answer = await transport({
      method: 'GET',
      url: resource,
      headers: [...init.headers],
      body: null,
      timeoutMs,
      maxResponseBytes: MAX_JWKS_BYTES,
      signal: init.signal,
    })
    const location = answer.headers.find(([name]) => name.toLowerCase() === 'location')?.[1] ?? null
    Object.assign(seen, {
      status: answer.status,
      location: location && displayUrl(location),
      body: Promise.resolve(answer.body),
    })
    const nullBody = answer.status === 204 || answer.status === 304 || answer.status < 200
    return new Response(nullBody ? null : answer.body, {
      status: answer.status < 200 || answer.status > 599 ? 502 : answer.status,
      headers: { 'content-type': 'application/json' },
    })
  }
}
