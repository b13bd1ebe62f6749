import { useState } from 'react'
import { describeExpiry } from '@shared/time'
import type { SignatureVerdict } from '@shared/jwt'
import type { TokenOutcomeSuccess } from '@shared/token'
import { CopyButton } from '../../lib/CopyButton'
import { useNow } from '../../lib/useNow'
import { ClaimsTable } from '../../ui/ClaimsTable'
import { ExpiryBanner } from './ExpiryBanner'
import { LocalTime } from '../../ui/LocalTime'
import { useDecodedToken } from './useDecodedToken'
import { VerifyPanel } from './VerifyPanel'

/** The token just obtained: what it is, how long it lasts, what it grants, and its claims when a JWT. */
export function TokenResult({
  outcome,
  requestedScope,
  issuer,
  jwksUrl,
  audience,
}: {
  outcome: TokenOutcomeSuccess
  requestedScope: string[]
  /** Where to find the signing keys, when the integration knows. */
  issuer?: string
  jwksUrl?: string
  /** What the token was asked for, to compare with its aud claim. */
  audience?: string
}) {
  const { token } = outcome
  const decoded = useDecodedToken(token.access_token)
  const [shown, setShown] = useState(false)
  const [checked, setChecked] = useState<{ token: string; verdict: SignatureVerdict | null } | null>(null)
  const now = useNow()
  const granted = typeof token.scope === 'string' ? token.scope.split(/[\s,]+/).filter(Boolean) : undefined
  const missing = granted ? requestedScope.filter((scope) => !granted.includes(scope)) : []

  return (
    <section className="panel" aria-labelledby="token-title" data-testid="token-result">
      <div className="panel__header">
        <h2 id="token-title">
          Token received
          {outcome.source === 'cache'
            ? ' (reused from cache)'
            : outcome.source === 'refresh'
              ? ' (renewed with the refresh token)'
              : ''}
        </h2>
        <CopyButton value={token.access_token} label="access token" text="Copy token" />
      </div>
      <dl className="facts">
        <div>
          <dt>Type</dt>
          <dd>{token.token_type ?? 'not stated (treated as Bearer)'}</dd>
        </div>
        <div>
          <dt>Expires</dt>
          <dd data-testid="token-expiry">
            {token.expires_at ? (
              <>
                <LocalTime iso={token.expires_at} /> —{' '}
                {describeExpiry(Date.parse(token.expires_at) / 1000, now)}
              </>
            ) : (
              'not stated'
            )}
          </dd>
        </div>
        <div>
          <dt>Granted scope</dt>
          <dd data-testid="granted-scope">
            {granted ? granted.join(' ') || '(none)' : 'not stated'}
            {missing.length > 0 && (
              <span className="check check--bad"> — not granted: {missing.join(', ')}</span>
            )}
          </dd>
        </div>
        {outcome.dpopKeyThumbprint && (
          <DpopBinding thumbprint={outcome.dpopKeyThumbprint} payload={decoded?.payload} />
        )}
        <div>
          <dt>Refresh token</dt>
          <dd>{token.refresh_token ? 'received (kept in TokenDesk, used to renew)' : 'none'}</dd>
        </div>
      </dl>
      <div className="row">
        <button
          type="button"
          className="button button--small"
          aria-pressed={shown}
          onClick={() => setShown(!shown)}
        >
          {shown ? 'Hide token' : 'Show token'}
        </button>
      </div>
      {shown && (
        <pre className="code code--wrap" tabIndex={0} data-testid="access-token">
          {token.access_token}
        </pre>
      )}
      {outcome.warnings.length > 0 && (
        <ul className="callout callout--warning" aria-label="Warnings">
          {outcome.warnings.map((warning) => (
            <li key={warning}>{warning}</li>
          ))}
        </ul>
      )}
      {decoded ? (
        <div className="stack">
          <ExpiryBanner
            times={decoded.times}
            unsigned={decoded.unsigned}
            {...(checked?.token === token.access_token && checked.verdict
              ? { signature: checked.verdict }
              : {})}
          />
          <ClaimsTable title="Header" claims={decoded.header} times={[]} testId="jwt-header" />
          <ClaimsTable title="Payload" claims={decoded.payload} times={decoded.times} testId="jwt-payload" />
          <VerifyPanel
            key={token.access_token}
            token={token.access_token}
            onVerdict={(verdict) => setChecked({ token: token.access_token, verdict })}
            defaults={{
              issuer: issuer ?? (typeof decoded.payload.iss === 'string' ? decoded.payload.iss : undefined),
              jwksUrl,
              audience,
              scope: requestedScope,
            }}
          />
        </div>
      ) : (
        <p className="muted" data-testid="opaque-token">
          This is an opaque token, not a JWT: only the vendor can read what it grants.
        </p>
      )}
    </section>
  )
}

/**
 * RFC 9449 §6: a DPoP-bound JWT names its key's thumbprint in cnf.jkt; it must be the key TokenDesk
 * proves with, or the API will refuse every call.
 */
function DpopBinding({ thumbprint, payload }: { thumbprint: string; payload?: Record<string, unknown> }) {
  const cnf = payload?.['cnf']
  const jkt = cnf && typeof cnf === 'object' ? (cnf as Record<string, unknown>)['jkt'] : undefined
  return (
    <div data-testid="dpop-thumbprint">
      <dt>DPoP key thumbprint</dt>
      <dd>
        <code>{thumbprint}</code>
        {typeof jkt !== 'string' ? (
          <span className="muted"> — the token does not name its key (opaque, or no cnf.jkt claim)</span>
        ) : jkt === thumbprint ? (
          <span className="check check--ok">
            {' '}
            — matches the token’s cnf.jkt: the token is bound to this key
          </span>
        ) : (
          <span className="check check--bad">
            {' '}
            — does not match the token’s cnf.jkt ({jkt}): bound to another key
          </span>
        )}
      </dd>
    </div>
  )
}
