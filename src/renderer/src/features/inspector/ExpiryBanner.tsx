import { describeExpiry, describeNotBefore } from '@shared/time'
import type { ClaimTime, SignatureVerdict } from '@shared/jwt'
import { useNow } from '../../lib/useNow'
import { LocalTime } from '../../ui/LocalTime'
import { tokenBanner } from './tokenBanner'

/**
 * The first thing a tester asks: is this token usable right now, and for how long? An unsigned token
 * or a bad signature is never shown as valid, whatever its times say: anyone could have written them.
 */
export function ExpiryBanner({
  times,
  unsigned = false,
  signature,
}: {
  times: ClaimTime[]
  unsigned?: boolean
  /** The verdict of the last Verify of this token, if any. */
  signature?: SignatureVerdict
}) {
  const now = useNow()
  const exp = times.find((time) => time.claim === 'exp')
  const nbf = times.find((time) => time.claim === 'nbf')
  const notYetValid = nbf !== undefined && nbf.epochSeconds * 1000 > now
  const expired = exp !== undefined && exp.epochSeconds * 1000 <= now

  const { tone, headline } = tokenBanner({
    unsigned,
    ...(signature ? { signature } : {}),
    expired,
    notYetValid,
    hasExpiry: exp !== undefined,
  })
  return (
    <div
      className={`callout callout--${tone} expiry-banner`}
      data-testid="expiry"
      data-tone={tone}
      role="status"
    >
      <strong>{headline}</strong>
      {exp && (
        <span>
          {' — '}
          <span data-testid="expiry-relative">{describeExpiry(exp.epochSeconds, now)}</span> (
          <LocalTime iso={exp.iso} />)
        </span>
      )}
      {notYetValid && nbf && <span> — {describeNotBefore(nbf.epochSeconds, now)}; check the clocks.</span>}
    </div>
  )
}
