import { describeExpiry, describeNotBefore } from '../../../../shared/time'
import type { ClaimTime } from '../../../../shared/jwt'
import { formatLocalDateTime } from '../../lib/formatDate'
import { useNow } from '../../lib/useNow'

/** The first thing a tester asks: is this token usable right now, and for how long? */
export function ExpiryBanner({ times }: { times: ClaimTime[] }) {
  const now = useNow()
  const exp = times.find((time) => time.claim === 'exp')
  const nbf = times.find((time) => time.claim === 'nbf')
  const notYetValid = nbf !== undefined && nbf.epochSeconds * 1000 > now
  const expired = exp !== undefined && exp.epochSeconds * 1000 <= now

  const tone = expired || notYetValid ? 'error' : exp ? 'ok' : 'warning'
  const headline = notYetValid ? 'Not valid yet' : expired ? 'Expired' : exp ? 'Valid' : 'No expiry'
  return (
    <div className={`callout callout--${tone}`} data-testid="expiry" role="status">
      <strong>{headline}</strong>
      {exp && (
        <span>
          {' — '}
          <span data-testid="expiry-relative">{describeExpiry(exp.epochSeconds, now)}</span> (
          <time dateTime={exp.iso}>{formatLocalDateTime(exp.iso)}</time>)
        </span>
      )}
      {notYetValid && nbf && <span> — {describeNotBefore(nbf.epochSeconds, now)}; check the clocks.</span>}
    </div>
  )
}
