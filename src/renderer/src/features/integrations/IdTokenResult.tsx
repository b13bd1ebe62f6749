import { ClaimsTable } from '../../ui/ClaimsTable'
import type { SignInIdToken } from './editorStore'

/** The ID token of a sign-in, beside the access token: every OpenID check, then its claims. */
export function IdTokenResult({ idToken }: { idToken: SignInIdToken }) {
  const { decoded, verification } = idToken
  const failed = verification.checks.filter((check) => !check.ok)
  const trusted = verification.valid && failed.length === 0
  return (
    <section className="panel id-token" aria-labelledby="id-token-title" data-testid="id-token">
      <div className="panel__header">
        <h2 id="id-token-title">ID token</h2>
      </div>
      <p className={`callout ${trusted ? 'callout--ok' : 'callout--error'}`} data-testid="id-token-verdict">
        {trusted
          ? `Valid: signature checked${verification.keyUsed ? ` (${verification.keyUsed})` : ''}, issuer, audience, expiry and nonce match this sign-in.`
          : `Not trusted: ${verification.valid ? failed.map((check) => check.message).join(' ') : (verification.reason ?? 'the signature did not check out.')}`}
      </p>
      <ul className="checks" aria-label="ID token checks">
        {verification.checks.map((check) => (
          <li key={check.id} className={check.ok ? 'check check--ok' : 'check check--bad'}>
            <span aria-hidden="true">{check.ok ? '✓' : '✗'}</span> {check.message}
          </li>
        ))}
      </ul>
      <ClaimsTable
        title="ID token claims"
        claims={decoded.payload}
        times={decoded.times}
        testId="id-token-claims"
      />
    </section>
  )
}
