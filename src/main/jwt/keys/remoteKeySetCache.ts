import { createRemoteJWKSet, customFetch, type FetchImplementation } from 'jose'
import { displayUrl } from '../../http/displayUrl'
import type { Transport } from '../../http/transport'
import type { JwksResponse } from './jwksFailure'

/** A key set is a few kilobytes; the token endpoint's cap (1 MiB) is ample and bounds memory. */
export const MAX_JWKS_BYTES = 1024 * 1024

/**
 * How long a fetched key set is used before it is fetched again. Short, because this is a workbench:
 * a user who has just rotated a key should not wait long to see it.
 */
export const JWKS_MAX_AGE_MS = 2 * 60 * 1000

/**
 * A token whose kid is not in the set fetches the set again, but not sooner than this after the last
 * fetch, so a stream of tokens with an unknown kid does not become a stream of requests.
 */
export const JWKS_COOLDOWN_MS = 5 * 1000

/** Key sets kept per transport; the least recently used is dropped past this, so memory stays bounded. */
export const MAX_CACHED_KEY_SETS = 32

/** A remote key set and what its endpoint last answered, to say why a fetch failed. */
export interface CachedKeySet {
  lookup: ReturnType<typeof createRemoteJWKSet>
  seen: JwksResponse
}

/** Per transport (each carries its own proxy settings), then per timeout and URL. */
const cachedSets = new WeakMap<Transport, Map<string, CachedKeySet>>()

/**
 * The remote key set for `url`, made once and then reused, so verifying many tokens against one JWKS
 * fetches it once per JWKS_MAX_AGE_MS (jose keeps the fetched set, and fetches once for concurrent callers).
 * A failed fetch is not kept: the next call fetches again.
 */
export function cachedRemoteKeySet(url: URL, timeoutMs: number, transport: Transport): CachedKeySet {
  let sets = cachedSets.get(transport)
  if (!sets) cachedSets.set(transport, (sets = new Map()))
  const id = `${timeoutMs} ${url.href}`
  const found = sets.get(id)
  if (found) {
    // Map keeps insertion order: re-inserting marks this set as the most recently used.
    sets.delete(id)
    sets.set(id, found)
    return found
  }
  const seen: JwksResponse = {}
  const lookup = createRemoteJWKSet(url, {
    timeoutDuration: timeoutMs,
    cacheMaxAge: JWKS_MAX_AGE_MS,
    cooldownDuration: JWKS_COOLDOWN_MS,
    [customFetch]: transportFetch(transport, timeoutMs, seen),
  })
  const made = { lookup, seen }
  sets.set(id, made)
  if (sets.size > MAX_CACHED_KEY_SETS) sets.delete(sets.keys().next().value!)
  return made
}

/**
 * jose's fetch, served by TokenDesk's transport: the proxy applies, and reading stops at
 * MAX_JWKS_BYTES. What was answered is kept, to say why a fetch failed (jose only says that it did).
 */
function transportFetch(transport: Transport, timeoutMs: number, seen: JwksResponse): FetchImplementation {
  return async (resource, init) => {
    // A fetch that never gets an answer must not be described with the previous fetch's answer.
    for (const field of Object.keys(seen) as Array<keyof JwksResponse>) delete seen[field]
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
