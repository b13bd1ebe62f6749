import type { JWSHeaderParameters } from 'jose'
import { displayUrl } from '../../http/displayUrl'
import type { Transport } from '../../http/transport'
import type { Candidate } from './candidate'
import { describeJwksFailure } from './jwksFailure'
import { KeyProblem } from './keyProblem'
import { keySetCandidates } from './keySetCandidates'
import { cachedRemoteKeySet } from './remoteKeySetCache'

/** Picks the keys that fit the token from the JWKS at `url` (fetched with no redirects followed, then cached). */
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
  const { lookup, seen } = cachedRemoteKeySet(parsedUrl, timeoutMs, transport)
  try {
    return await keySetCandidates(lookup, () => lookup.jwks(), header, source)
  } catch (error) {
    if (error instanceof KeyProblem) throw error
    throw new KeyProblem(await describeJwksFailure(error, shown, seen, timeoutMs))
  }
}
