import { useEffect, useId, useState } from 'react'
import type { SignatureVerdict } from '@shared/jwt'
import { useInspectorStore } from './inspectorStore'
import { ExpiryBanner } from './ExpiryBanner'
import { ClaimsTable } from '../../ui/ClaimsTable'
import { VerifyPanel } from './VerifyPanel'

/** Paste any token and read it: header, payload, times in the user's clock, and what is off about it. */
export function TokenInspector() {
  const tokenText = useInspectorStore((state) => state.tokenText)
  const decoded = useInspectorStore((state) => state.decoded)
  const error = useInspectorStore((state) => state.error)
  const setTokenText = useInspectorStore((state) => state.setTokenText)
  const decode = useInspectorStore((state) => state.decode)
  const clear = useInspectorStore((state) => state.clear)
  // Kept with the token it is about, so a new paste never shows the old verdict in the banner.
  const [checked, setChecked] = useState<{ token: string; verdict: SignatureVerdict | null } | null>(null)
  const inputId = useId()
  const helpId = useId()

  // Decode as the user types or pastes; the store drops answers that arrive out of order.
  useEffect(() => {
    void decode()
  }, [tokenText, decode])

  return (
    <section className="screen" aria-labelledby="inspector-title">
      <header className="screen__header">
        <h1 id="inspector-title">Token inspector</h1>
        <p className="muted">
          Paste an access token or ID token to read what it says. Decoding happens on this computer.
        </p>
      </header>

      <div className="field">
        <label htmlFor={inputId}>Token</label>
        <textarea
          id={inputId}
          aria-describedby={helpId}
          className="token-input"
          spellCheck={false}
          autoComplete="off"
          rows={5}
          placeholder="eyJhbGciOi…"
          value={tokenText}
          aria-invalid={error ? true : undefined}
          onChange={(event) => setTokenText(event.target.value)}
        />
        <p id={helpId} className="help">
          A JWT looks like three blocks of letters separated by dots. A whole token response (JSON) or an
          “Authorization: Bearer …” line works too: the token is taken out of it.
        </p>
        <div className="row">
          <button type="button" className="button" onClick={clear} disabled={tokenText === ''}>
            Clear
          </button>
        </div>
      </div>

      {error && (
        <div role="alert" className="callout callout--error" data-testid="decode-error">
          <strong>Can’t read this token.</strong> {error.message}
        </div>
      )}

      {decoded && (
        <div className="stack" data-testid="decoded">
          <ExpiryBanner
            times={decoded.times}
            unsigned={decoded.unsigned}
            {...(checked?.token === tokenText && checked.verdict ? { signature: checked.verdict } : {})}
          />
          {decoded.warnings.length > 0 && (
            <ul className="callout callout--warning" aria-label="Warnings" data-testid="decode-warnings">
              {decoded.warnings.map((warning) => (
                <li key={warning}>{warning}</li>
              ))}
            </ul>
          )}
          <ClaimsTable title="Header" claims={decoded.header} times={[]} testId="jwt-header" />
          <ClaimsTable title="Payload" claims={decoded.payload} times={decoded.times} testId="jwt-payload" />
          <VerifyPanel
            key={tokenText}
            token={tokenText}
            onVerdict={(verdict) => setChecked({ token: tokenText, verdict })}
            defaults={{ issuer: typeof decoded.payload.iss === 'string' ? decoded.payload.iss : undefined }}
          />
        </div>
      )}
    </section>
  )
}
