import { useRef, useState } from 'react'
import type { ApiOutcome } from '@shared/apiCall'
import type { Integration } from '@shared/integration'
import { formatBody } from '../../lib/formatBody'
import { SelectField } from '../../ui/SelectField'
import { Elapsed } from '../../ui/Elapsed'
import { TextField } from '../../ui/TextField'
import { KeyValueEditor, type Pair } from '../../ui/KeyValueEditor'
import { DiagnosisView } from '../../ui/DiagnosisView'
import { ExchangeView } from '../../ui/ExchangeView'
import { useApiConsole } from './apiConsoleStore'
import { LargeText } from './LargeText'

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const

/** Send a request with the token, placed as the integration says; a 401 is healed by one renewal. */
export function ApiConsole({
  integrationId,
  integration,
  baseUrlFrom,
}: {
  integrationId: string
  integration: Integration
  /** The base URL was derived from the Token URL's host: this host. */
  baseUrlFrom?: string
}) {
  const [method, setMethod] = useState<(typeof METHODS)[number]>('GET')
  const [url, setUrl] = useState('')
  const [headers, setHeaders] = useState<Pair[]>([])
  const [body, setBody] = useState('')
  const [busy, setBusy] = useState(false)
  const [outcome, setOutcome] = useState<ApiOutcome | null>(null)
  const [problem, setProblem] = useState<string | null>(null)
  const [cancelled, setCancelled] = useState(false)
  /** Calls are numbered so the answer to a cancelled call is dropped. */
  const callNumber = useRef(0)
  const callApi = useApiConsole((state) => state.send)
  const cancelCall = useApiConsole((state) => state.cancel)
  const placement =
    integration.api?.tokenPlacement === 'query'
      ? `as ?${integration.api.queryParam ?? 'access_token'}=…`
      : 'in the Authorization header'

  const send = async () => {
    const mine = ++callNumber.current
    setBusy(true)
    setProblem(null)
    setCancelled(false)
    const result = await callApi(integrationId, {
      method,
      url,
      headers: headers.filter(([name]) => name.trim()),
      body: body || undefined,
    })
    if (mine !== callNumber.current) return // cancelled, or superseded by a newer call
    setBusy(false)
    if (result.ok) setOutcome(result.value)
    else setProblem(result.error.message)
  }
  const cancel = () => {
    callNumber.current++
    setBusy(false)
    setCancelled(true)
    void cancelCall(integrationId)
  }

  return (
    <section className="panel" aria-labelledby="api-title" data-testid="api-console">
      <h2 id="api-title">Try the API</h2>
      <p className="help">
        The token goes {placement}. Relative paths use the API base URL
        {typeof integration.api?.baseUrl === 'string' && integration.api.baseUrl
          ? ` (${integration.api.baseUrl}${baseUrlFrom ? `, derived from the Token URL’s host ${baseUrlFrom}` : ''})`
          : ''}
        .
      </p>
      <div className="api-request">
        <SelectField
          label="Method"
          value={method}
          options={METHODS.map((value) => ({ value, label: value }))}
          onChange={setMethod}
        />
        <TextField
          label="URL"
          value={url}
          onChange={setUrl}
          placeholder="/path or https://…"
          error={problem ?? undefined}
          monospace
        />
      </div>
      <KeyValueEditor legend="Request headers" pairs={headers} onChange={setHeaders} />
      {method !== 'GET' && method !== 'DELETE' && (
        <TextField label="Body" value={body} onChange={setBody} multiline monospace />
      )}
      <div className="row">
        <button
          type="button"
          className="button button--primary"
          disabled={busy || url.trim() === ''}
          onClick={() => void send()}
        >
          Send
        </button>
        {busy && (
          <>
            <Elapsed doing="Sending" />
            <button type="button" className="button" onClick={cancel}>
              Cancel
            </button>
          </>
        )}
        {cancelled && !busy && (
          <span role="status" className="muted">
            Cancelled: the request was stopped.
          </span>
        )}
      </div>
      {outcome && <ApiResult outcome={outcome} />}
    </section>
  )
}

function ApiResult({ outcome }: { outcome: ApiOutcome }) {
  if (outcome.tokenFailure)
    return (
      <DiagnosisView diagnosis={outcome.tokenFailure.diagnosis} exchange={outcome.tokenFailure.exchange} />
    )
  const last = outcome.exchanges.at(-1)
  return (
    <div className="stack" data-testid="api-result">
      {outcome.renewedAfter401 && (
        <p className="callout callout--warning" role="status" data-testid="api-renewed">
          The API answered 401 (token expired or revoked). TokenDesk renewed the token and sent the request
          again.
        </p>
      )}
      <p
        className={`status-line ${outcome.ok ? 'status-line--ok' : 'status-line--bad'}`}
        data-testid="api-status"
      >
        HTTP {outcome.status} {outcome.statusText}
      </p>
      {outcome.body !== undefined && <LargeText text={formatBody(outcome.body)} label="Response body" />}
      {outcome.diagnosis && <DiagnosisView diagnosis={outcome.diagnosis} exchange={last} />}
      <details>
        <summary>Exchanges ({outcome.exchanges.length})</summary>
        {outcome.exchanges.map((exchange) => (
          <ExchangeView key={exchange.id} exchange={exchange} layout="stacked" />
        ))}
      </details>
    </div>
  )
}
