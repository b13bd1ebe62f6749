import type { Transport } from '../../http/transport'

/** What the discovery and JWKS requests of one verification met. */
export interface KeyFetches {
  /** The keys could not be fetched: no answer (network, timeout, size cap) or a non-2xx last answer. */
  failed: boolean
  /** Bodies of 2xx answers, to tell which key types a fetched set holds. */
  bodies: string[]
}

/**
 * Passes each request to `transport` and notes how it went, so a failure to load keys can be told
 * apart from a signature that does not match: the key modules report both as a message only.
 */
export function watchKeyFetches(transport: Transport, fetches: KeyFetches): Transport {
  return async (request) => {
    let answer
    try {
      answer = await transport(request)
    } catch (error) {
      fetches.failed = true
      throw error
    }
    // A redirect the discovery step follows is overwritten by the next answer; one it refuses stays.
    fetches.failed = answer.status < 200 || answer.status >= 300 || answer.truncated
    if (!fetches.failed) fetches.bodies.push(answer.body)
    return answer
  }
}
