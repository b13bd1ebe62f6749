import { readDpopNonce, type DpopResponse } from '../dpop/nonceChallenge'

/** At most this many servers' nonces are kept; the oldest is forgotten first. */
const MAX_ORIGINS = 256

/**
 * The last DPoP nonce each server gave (RFC 9449 §8.2: a fresh one may come with any answer), by
 * origin, so the next proof to that server carries it instead of being refused first.
 */
export class DpopNonces {
  private readonly byOrigin = new Map<string, string>()

  nonceFor(url: string): string | undefined {
    const origin = originOf(url)
    return origin ? this.byOrigin.get(origin) : undefined
  }

  /** Keeps the nonce an answer from `url` carried, if any. */
  noteAnswer(url: string, response: Pick<DpopResponse, 'headers'>): void {
    const origin = originOf(url)
    const nonce = readDpopNonce(response.headers)
    if (!origin || !nonce) return
    this.byOrigin.delete(origin)
    this.byOrigin.set(origin, nonce)
    if (this.byOrigin.size > MAX_ORIGINS) this.byOrigin.delete(this.byOrigin.keys().next().value!)
  }
}

function originOf(url: string): string | undefined {
  try {
    return new URL(url).origin
  } catch {
    return undefined
  }
}
