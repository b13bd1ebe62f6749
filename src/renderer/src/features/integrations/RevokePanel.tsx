import { useState } from 'react'
import type { RevokedToken, RevokeOutcome } from '@shared/token'
import { DiagnosisView } from '../../ui/DiagnosisView'
import { useEditor } from './editorStore'

type Which = 'access' | 'refresh' | 'both'

const NAMES: Record<RevokedToken, string> = { access: 'access token', refresh: 'refresh token' }

/** "access token and refresh token", for the sentence saying what happened. */
function named(tokens: RevokedToken[]): string {
  return [...tokens]
    .sort()
    .map((token) => NAMES[token])
    .join(' and ')
}

/** What the revocation did, in a sentence or two. */
function describe(outcome: RevokeOutcome): string[] {
  const lines: string[] = []
  if (outcome.revoked.length > 0)
    lines.push(`Revoked the ${named(outcome.revoked)}: the vendor accepted, and TokenDesk forgot it.`)
  if (outcome.notHeld.length > 0)
    lines.push(
      `TokenDesk holds no ${[...outcome.notHeld]
        .sort()
        .map((token) => NAMES[token])
        .join(' or ')} for this integration: nothing was sent for it.`,
    )
  if (!outcome.ok && lines.length === 0) lines.push('The vendor refused the revocation.')
  return lines
}

/**
 * RFC 7009: tells the vendor to stop accepting the integration's tokens. The refresh token is offered
 * when the integration can have one (a sign-in, password or device grant, or one was received).
 */
export function RevokePanel({ canHaveRefresh }: { canHaveRefresh: boolean }) {
  const revoke = useEditor((state) => state.revoke)
  const revocation = useEditor((state) => state.revocation)
  const [open, setOpen] = useState(false)
  const [busy, setBusy] = useState(false)
  const [problem, setProblem] = useState<string | null>(null)

  const run = async (which: Which) => {
    setBusy(true)
    setProblem(null)
    const result = await revoke(which)
    setBusy(false)
    setOpen(false)
    if (result && !result.ok) setProblem(result.error.message)
  }

  const choices: Array<{ which: Which; label: string }> = canHaveRefresh
    ? [
        { which: 'access', label: 'Access token' },
        { which: 'refresh', label: 'Refresh token' },
        { which: 'both', label: 'Both' },
      ]
    : [{ which: 'access', label: 'Access token' }]

  return (
    <section className="panel" aria-labelledby="revoke-title" data-testid="revoke">
      <h2 id="revoke-title">Revoke</h2>
      <div className="row">
        <button
          type="button"
          className="button"
          aria-expanded={open}
          disabled={busy}
          onClick={() => setOpen(!open)}
        >
          {busy ? 'Revoking…' : 'Revoke…'}
        </button>
        {open &&
          choices.map(({ which, label }) => (
            <button
              key={which}
              type="button"
              className="button button--small"
              disabled={busy}
              onClick={() => void run(which)}
            >
              {label}
            </button>
          ))}
      </div>
      {problem && (
        <p className="callout callout--error" role="alert">
          {problem}
        </p>
      )}
      {revocation && (
        <div className="stack" data-testid="revoke-outcome">
          {describe(revocation).map((line) => (
            <p
              key={line}
              className={`callout ${revocation.ok ? 'callout--ok' : 'callout--error'}`}
              role="status"
            >
              {line}
            </p>
          ))}
          {revocation.diagnosis && (
            <DiagnosisView diagnosis={revocation.diagnosis} exchange={revocation.exchanges.at(-1)} />
          )}
        </div>
      )}
    </section>
  )
}
