import { useEffect, useState } from 'react'
import { toCurl } from '../../../../shared/curl'
import type { Diagnosis } from '../../../../shared/diagnosis'
import type { Exchange } from '../../../../shared/exchange'
import { fieldLabel } from '../../../../shared/fieldLabels'
import { supportReport } from '../../../../shared/report'
import { CopyButton } from '../../lib/CopyButton'
import { useIntegrations } from '../integrations/integrationsStore'
import { ExchangeView } from './ExchangeView'

interface DiagnosisViewProps {
  diagnosis: Diagnosis
  exchange?: Exchange
  warnings?: string[]
  presetId?: string
  integrationName?: string
  /** The integration's form is on screen: hints offer "Show me" to focus the field they name. */
  showFields?: boolean
}

/** Why it failed, for support staff: the summary first, then what to try, then the evidence side by side. */
export function DiagnosisView({
  diagnosis,
  exchange,
  warnings = [],
  presetId,
  integrationName,
  showFields = false,
}: DiagnosisViewProps) {
  const presets = useIntegrations((state) => state.presets)
  const loadPresets = useIntegrations((state) => state.loadPresets)
  const [view, setView] = useState<'side' | 'stacked'>('side')
  useEffect(() => {
    if (presetId && presets.length === 0) void loadPresets()
  }, [presetId, presets.length, loadPresets])
  const preset = presets.find((each) => each.id === presetId)

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
                {showFields && hint.field && (
                  <>
                    {' '}
                    <button
                      type="button"
                      className="link-button"
                      aria-label={`Show me: ${fieldLabel(hint.field, preset?.requiredFields)}`}
                      onClick={() => focusField(fieldLabel(hint.field!, preset?.requiredFields))}
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

/** Focuses the integration form's control with this visible label, scrolled into view. */
function focusField(label: string): void {
  const form = document.querySelector('form[aria-label="Integration settings"]')
  const match = [...(form?.querySelectorAll('label') ?? [])].find(
    (each) => each.textContent?.trim() === label,
  )
  const control = match?.control ?? (match?.htmlFor ? document.getElementById(match.htmlFor) : null)
  if (!control) return
  control.scrollIntoView({ block: 'center' })
  control.focus()
}
