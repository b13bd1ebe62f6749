import { describeExpiry, describeNotBefore } from '../../../../shared/time'
import type { ClaimTime } from '../../../../shared/jwt'
import { useNow } from '../../lib/useNow'
import { LocalTime } from './LocalTime'

/**
 * The first thing a tester asks: is this token usable right now, and for how long? An unsigned token
 * is never shown as valid, whatever its times say: anyone could have written them.
 */
export function ExpiryBanner({ times, unsigned = false }: { times: ClaimTime[]; unsigned?: boolean }) {
  const now = useNow()
  const exp = times.find((time) => time.claim === 'exp')
  const nbf = times.find((time) => time.claim === 'nbf')
  const notYetValid = nbf !== undefined && nbf.epochSeconds * 1000 > now
  const expired = exp !== undefined && exp.epochSeconds * 1000 <= now

  const tone = unsigned || expired || notYetValid ? 'error' : exp ? 'ok' : 'warning'
  const timing = notYetValid ? 'Not valid yet' : expired ? 'Expired' : exp ? 'Valid' : 'No expiry'
  const headline = unsigned
    ? `Unsigned (alg none) — anyone could have written it${notYetValid || expired ? `; ${timing.toLowerCase()}` : ''}`
    : timing
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
