import { useEffect, useId } from 'react'
import { formatLocalDateTime } from '../../lib/formatDate'
import { DiagnosisView } from '../../ui/DiagnosisView'
import { ExchangeView } from '../../ui/ExchangeView'
import { errorOf, filtering, useHistory, withinDates, type DateFilter } from './historyStore'
import { SandboxBadge } from '../../ui/SandboxBadge'

interface HistoryScreenProps {
  /** The saved integrations, for the Integration filter. */
  integrations: Array<{ id: string; name: string }>
  /** Opens the integration in its form (the app decides how: unsaved changes ask first). */
  onOpenIntegration: (id: string) => void
}

/** Every token request and API call made, newest first; each opens into its diagnosis or exchange. */
export function HistoryScreen({ integrations, onOpenIntegration }: HistoryScreenProps) {
  const entries = useHistory((state) => state.entries)
  const query = useHistory((state) => state.query)
  const dates = useHistory((state) => state.dates)
  const openId = useHistory((state) => state.openId)
  const load = useHistory((state) => state.load)
  const setQuery = useHistory((state) => state.setQuery)
  const open = useHistory((state) => state.open)
  const clear = useHistory((state) => state.clear)
  const clearFilters = useHistory((state) => state.clearFilters)
  const searchId = useId()
  const integrationId = useId()
  const outcomeId = useId()
  useEffect(() => {
    void load()
  }, [load])
  const shown = withinDates(entries, dates)
  const opened = shown.find((entry) => entry.id === openId)

  return (
    <section className="screen" aria-labelledby="history-title">
      <header className="screen__header row row--spread">
        <h1 id="history-title">History</h1>
        <button
          type="button"
          className="button"
          disabled={entries.length === 0}
          onClick={() => window.confirm('Clear all history?') && void clear()}
        >
          Clear history
        </button>
      </header>
      <div className="filters" role="search">
        <label htmlFor={searchId}>Search</label>
        <input
          id={searchId}
          className="input"
          type="search"
          placeholder="URL, status, error…"
          value={query.text ?? ''}
          onChange={(event) => setQuery({ text: event.target.value })}
        />
        <label htmlFor={integrationId}>Integration</label>
        <select
          id={integrationId}
          className="input"
          value={query.integrationId ?? ''}
          onChange={(event) => setQuery({ integrationId: event.target.value || undefined })}
        >
          <option value="">All</option>
          {integrations.map((summary) => (
            <option key={summary.id} value={summary.id}>
              {summary.name}
            </option>
          ))}
        </select>
        <label htmlFor={outcomeId}>Outcome</label>
        <select
          id={outcomeId}
          className="input"
          value={query.outcome ?? ''}
          onChange={(event) =>
            setQuery({ outcome: (event.target.value || undefined) as 'ok' | 'failed' | undefined })
          }
        >
          <option value="">All</option>
          <option value="ok">Succeeded</option>
          <option value="failed">Failed</option>
        </select>
        <DateFilterFields />
      </div>
      {shown.length === 0 ? (
        filtering(query, dates) ? (
          <div className="empty" role="status">
            <p>No exchanges match these filters.</p>
            <button type="button" className="button" onClick={clearFilters}>
              Clear filters
            </button>
          </div>
        ) : (
          <p className="empty">
            Nothing here yet. Every token request and API call you make appears here, with secrets masked.
          </p>
        )
      ) : (
        <table className="history" data-testid="history-table">
          <colgroup>
            <col className="history__when-col" />
            <col className="history__integration-col" />
            <col />
            <col className="history__status-col" />
            <col className="history__error-col" />
            <col className="history__time-col" />
          </colgroup>
          <thead>
            <tr>
              <th scope="col">Date</th>
              <th scope="col">Integration</th>
              <th scope="col">Request</th>
              <th scope="col">Status</th>
              <th scope="col">Error</th>
              <th scope="col">Took</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((entry) => (
              <tr key={entry.id} className={entry.id === openId ? 'history__row--open' : undefined}>
                <td>
                  <time dateTime={entry.at} title={new Date(entry.at).toISOString()}>
                    {formatLocalDateTime(entry.at)}
                  </time>
                </td>
                <td>
                  {entry.integrationName ?? '—'}
                  {entry.environment && <span className="muted"> ({entry.environment})</span>}
                  {entry.sandbox && <SandboxBadge />}
                </td>
                <td>
                  <button
                    type="button"
                    className="link-button"
                    aria-expanded={entry.id === openId}
                    onClick={() => open(entry.id === openId ? null : entry.id)}
                  >
                    {entry.purpose === 'token' ? 'Token' : entry.purpose === 'api' ? 'API' : entry.purpose} ·{' '}
                    {entry.method} {shortUrl(entry.url)}
                  </button>
                </td>
                <td>
                  <span className={`status ${entry.ok ? 'status--ok' : 'status--bad'}`}>
                    {entry.status ?? '—'}
                  </span>
                </td>
                <td>
                  <code className="truncate" title={errorOf(entry)}>
                    {errorOf(entry) ?? '—'}
                  </code>
                </td>
                <td>{entry.durationMs} ms</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {opened && <HistoryDetail key={opened.id} entryId={opened.id} onOpenIntegration={onOpenIntegration} />}
    </section>
  )
}

function DateFilterFields() {
  const dates = useHistory((state) => state.dates)
  const setDates = useHistory((state) => state.setDates)
  const periodId = useId()
  const change = (patch: Partial<DateFilter>) => setDates({ ...dates, ...patch })
  return (
    <>
      <label htmlFor={periodId}>Date</label>
      <select
        id={periodId}
        className="input"
        value={dates.period}
        onChange={(event) => change({ period: event.target.value as DateFilter['period'] })}
      >
        <option value="all">All</option>
        <option value="today">Today</option>
        <option value="week">Last 7 days</option>
        <option value="range">From… to…</option>
      </select>
      {dates.period === 'range' && (
        <>
          <label htmlFor={`${periodId}-from`}>From</label>
          <input
            id={`${periodId}-from`}
            className="input"
            type="date"
            value={dates.from ?? ''}
            onChange={(event) => change({ from: event.target.value || undefined })}
          />
          <label htmlFor={`${periodId}-to`}>To</label>
          <input
            id={`${periodId}-to`}
            className="input"
            type="date"
            value={dates.to ?? ''}
            onChange={(event) => change({ to: event.target.value || undefined })}
          />
        </>
      )}
    </>
  )
}

/** The opened exchange: when it happened, Retry and Open integration, then its diagnosis or exchange. */
function HistoryDetail({
  entryId,
  onOpenIntegration,
}: {
  entryId: string
  onOpenIntegration: (id: string) => void
}) {
  const entry = useHistory((state) => state.entries.find((each) => each.id === entryId))
  const retry = useHistory((state) => state.retry)
  const retrying = useHistory((state) => state.retrying)
  const retried = useHistory((state) => state.retried)
  const revokeTokens = useHistory((state) => state.revokeTokens)
  if (!entry) return null
  const what = entry.purpose === 'api' ? 'API call' : 'token request'
  return (
    <div className="stack" data-testid="history-detail">
      <div className="row history__detail-header">
        <p className="history__detail-date">
          {entry.purpose === 'api' ? 'API call' : 'Token request'} on{' '}
          <time dateTime={entry.at} title={new Date(entry.at).toISOString()}>
            {formatLocalDateTime(entry.at)}
          </time>
          {entry.integrationName && ` · ${entry.integrationName}`}
          {entry.environment && ` · environment ${entry.environment}`}
        </p>
        {entry.integrationId && (
          <>
            <button
              type="button"
              className="button"
              disabled={retrying}
              aria-label={`Retry the ${what}`}
              onClick={() => void retry(entry)}
            >
              {retrying ? 'Retrying…' : 'Retry'}
            </button>
            {entry.purpose === 'token' && (
              <button
                type="button"
                className="button"
                disabled={retrying}
                onClick={() => void revokeTokens(entry)}
              >
                Revoke this integration's tokens
              </button>
            )}
            <button type="button" className="button" onClick={() => onOpenIntegration(entry.integrationId!)}>
              Open integration
            </button>
          </>
        )}
      </div>
      {retried && (
        <p role="status" data-testid="history-retried">
          {retried}
        </p>
      )}
      {entry.diagnosis ? (
        <DiagnosisView
          diagnosis={entry.diagnosis}
          exchange={entry.exchange}
          integrationName={entry.integrationName}
        />
      ) : (
        <section className="panel" aria-label="Exchange">
          <ExchangeView exchange={entry.exchange} />
        </section>
      )}
    </div>
  )
}

function shortUrl(url: string): string {
  try {
    const parsed = new URL(url)
    return `${parsed.host}${parsed.pathname}`
  } catch {
    return url
  }
}
