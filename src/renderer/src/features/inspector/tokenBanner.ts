import type { SignatureVerdict } from '@shared/jwt'

export type BannerTone = 'ok' | 'warning' | 'error'

export interface TokenState {
  unsigned: boolean
  /** The verdict of the last Verify of this token; undefined until the user verifies. */
  signature?: SignatureVerdict
  expired: boolean
  notYetValid: boolean
  hasExpiry: boolean
}

/**
 * The banner above the claims. Green only for a token whose signature is not known to be bad and whose
 * times hold; an unsigned or invalid token is red and an unchecked one amber, whatever its times say.
 */
export function tokenBanner(state: TokenState): { tone: BannerTone; headline: string } {
  const timing = state.notYetValid
    ? 'not valid yet'
    : state.expired
      ? 'expired'
      : state.hasExpiry
        ? undefined
        : 'no expiry'
  const also = (words: string) => (timing ? `${words}; ${timing}` : words)
  if (state.unsigned || state.signature === 'unsigned') {
    return { tone: 'error', headline: also('Unsigned (alg none) — anyone could have written it') }
  }
  if (state.signature === 'invalid') return { tone: 'error', headline: also('Signature invalid') }
  if (state.expired || state.notYetValid) return { tone: 'error', headline: capitalise(timing!) }
  if (state.signature === 'unchecked' || state.signature === 'unsupported') {
    return { tone: 'warning', headline: also('Signature not checked') }
  }
  if (!state.hasExpiry) return { tone: 'warning', headline: 'No expiry' }
  return { tone: 'ok', headline: state.signature === 'valid' ? 'Valid, signature verified' : 'Valid' }
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1)
