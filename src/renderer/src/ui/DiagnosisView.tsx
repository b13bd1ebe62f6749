import { useState } from 'react'
import { toCurl } from '@shared/curl'
import type { Diagnosis } from '@shared/diagnosis'
import type { Exchange } from '@shared/exchange'
import { fieldLabel } from '@shared/fieldLabels'
import type { Preset } from '@shared/preset'
import { supportReport } from '@shared/report'
import { CopyButton } from '../lib/CopyButton'
import { ExchangeView } from './ExchangeView'

interface DiagnosisViewProps {
  diagnosis: Diagnosis
  exchange?: Exchange
  warnings?: string[]
  /** The vendor's preset: its documented method, and its own labels for the fields hints name. */
  preset?: Preset
  integrationName?: string
  /** The integration's form is on screen: hints offer "Show me", which calls this with the field's visible label. */
  onShowField?: (label: string) => void
}

/** Why it failed, for support staff: the summary first, then what to try, then the evidence side by side. */
export function DiagnosisView({
  diagnosis,
  exchange,
  warnings = [],
  preset,
  integrationName,
  onShowField,
}: DiagnosisViewProps) {
  const [view, setView] = useState<'side' | 'stacked'>('side')

  return (
    <section className="panel diagnosis" aria-labelledby="diagnosis-title" data-testid="diagnosis">
      <div className="panel__header">
        <h2 id="diagnosis-title">Why it failed</h2>
        <div className="row">
          {exchange && (
            <CopyButton value={toCurl(exchange.request)} label="request as curl" text="Copy as curl" />
          )}
          <CopyButton
            value={supportReport(diagnosis, exchange, { integration: integrationName })}
            label="report"
            text="Copy report"
          />
        </div>
      </div>
      <p className="diagnosis__summary" data-testid="diagnosis-summary">
        {diagnosis.summary}
      </p>
      {diagnosis.environment && (
        <p className="muted" data-testid="diagnosis-environment">
          Environment: <strong>{diagnosis.environment}</strong>
        </p>
      )}
      {Object.keys(diagnosis.vendor).length > 0 && (
        <dl className="facts" aria-label="What the vendor said">
          {Object.entries(diagnosis.vendor).map(([field, value]) => (
            <div key={field}>
              <dt>{field}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
      )}
      {diagnosis.hints.length > 0 && (
        <>
          <h3>What to try</h3>
          <ol className="hints" data-testid="diagnosis-hints">
            {diagnosis.hints.map((hint) => (
              <li key={hint.code} data-hint={hint.code}>
                {hint.message}
                {onShowField && hint.field && (
                  <>
                    {' '}
                    <button
                      type="button"
                      className="link-button"
                      aria-label={`Show me: ${fieldLabel(hint.field, preset?.requiredFields)}`}
                      onClick={() => onShowField(fieldLabel(hint.field!, preset?.requiredFields))}
                    >
                      Show me
                    </button>
                  </>
                )}
              </li>
            ))}
          </ol>
        </>
      )}
      {warnings.length > 0 && (
        <ul className="callout callout--warning" aria-label="Checks before sending">
          {warnings.map((warning) => (
            <li key={warning}>{warning}</li>
          ))}
        </ul>
      )}
      {preset && exchange && (
        <details className="documented" data-testid="documented">
          <summary>What we sent vs what {preset.name} documents</summary>
          <ul>
            {preset.documented.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
          {preset.requiredTokenHeaders.map((header) => {
            const sent = exchange.request.headers.some(([name]) => name.toLowerCase() === header)
            return (
              <p key={header} className={sent ? 'check check--ok' : 'check check--bad'}>
                {sent ? '✓' : '✗'} {header} header {sent ? 'was sent' : 'was NOT sent'}
              </p>
            )
          })}
        </details>
      )}
      {exchange && (
        <>
          <div className="row">
            <h3>Request and response</h3>
            <label className="inline">
              <input
                type="checkbox"
                checked={view === 'stacked'}
                onChange={(event) => setView(event.target.checked ? 'stacked' : 'side')}
              />{' '}
              Stack vertically
            </label>
          </div>
          <ExchangeView exchange={exchange} layout={view} />
        </>
      )}
    </section>
  )
}
