import { useState } from 'react'
import type { TokenInfoOutcome } from '@shared/token'
import { useInspectorStore } from './inspectorStore'
import { DiagnosisView } from '../../ui/DiagnosisView'
import { ClaimsTable } from '../../ui/ClaimsTable'

type Kind = 'introspection' | 'userinfo'

const TITLES: Record<Kind, string> = {
  introspection: 'What the vendor says about this token',
  userinfo: 'Who the token belongs to',
}

/**
 * Opaque tokens can only be read by their issuer: ask it, by introspection (RFC 7662) or, for
 * sign-ins, the userinfo endpoint. Shown when the integration has those endpoints (or an issuer).
 */
export function TokenInfoPanel({ integrationId, kinds }: { integrationId: string; kinds: Kind[] }) {
  const [busy, setBusy] = useState<Kind | null>(null)
  const [answers, setAnswers] = useState<Partial<Record<Kind, TokenInfoOutcome>>>({})
  const [problem, setProblem] = useState<string | null>(null)
  const describeToken = useInspectorStore((state) => state.describeToken)
  if (kinds.length === 0) return null

  const ask = async (kind: Kind) => {
    setBusy(kind)
    setProblem(null)
    const result = await describeToken(integrationId, kind)
    setBusy(null)
    if (result.ok) setAnswers((current) => ({ ...current, [kind]: result.value }))
    else setProblem(result.error.message)
  }

  return (
    <section className="panel" aria-labelledby="token-info-title" data-testid="token-info">
      <h2 id="token-info-title">Ask the vendor</h2>
      <div className="row">
        {kinds.includes('introspection') && (
          <button
            type="button"
            className="button"
            disabled={busy !== null}
            onClick={() => void ask('introspection')}
          >
            {busy === 'introspection' ? 'Asking…' : 'Introspect the token'}
          </button>
        )}
        {kinds.includes('userinfo') && (
          <button
            type="button"
            className="button"
            disabled={busy !== null}
            onClick={() => void ask('userinfo')}
          >
            {busy === 'userinfo' ? 'Asking…' : 'Get user info'}
          </button>
        )}
      </div>
      {problem && (
        <p className="callout callout--error" role="alert">
          {problem}
        </p>
      )}
      {(Object.keys(answers) as Kind[]).map((kind) => {
        const answer = answers[kind]!
        if (!answer.ok && answer.diagnosis)
          return <DiagnosisView key={kind} diagnosis={answer.diagnosis} exchange={answer.exchange} />
        const claims = answer.claims ?? {}
        return (
          <div key={kind} className="stack" data-testid={`token-info-${kind}`}>
            {kind === 'introspection' && (
              <p
                className={`callout ${claims.active === true ? 'callout--ok' : 'callout--error'}`}
                role="status"
              >
                {claims.active === true
                  ? 'Active: the vendor accepts this token.'
                  : 'Not active: the vendor no longer accepts this token (expired, revoked, or not its own).'}
              </p>
            )}
            <ClaimsTable
              title={TITLES[kind]}
              claims={claims}
              times={[]}
              testId={`token-info-${kind}-claims`}
            />
          </div>
        )
      })}
    </section>
  )
}
