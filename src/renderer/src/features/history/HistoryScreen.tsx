import { useEffect, useId } from 'react'
import { DiagnosisView } from '../diagnosis/DiagnosisView'
import { ExchangeView } from '../diagnosis/ExchangeView'
import { useIntegrations } from '../integrations/integrationsStore'
import { useHistory } from './historyStore'

/** Every token request and API call made, newest first; each opens into its diagnosis or exchange. */
export function HistoryScreen() {
  const { entries, query, openId, load, setQuery, open, clear } = useHistory()
  const summaries = useIntegrations((state) => state.summaries)
  const searchId = useId()
  const integrationId = useId()
  const outcomeId = useId()
  useEffect(() => {
    void load()
  }, [load])
  const opened = entries.find((entry) => entry.id === openId)

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
          {summaries.map((summary) => (
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
      </div>
      {entries.length === 0 ? (
        <p className="empty">
          Nothing here yet. Every token request and API call you make appears here, with secrets masked.
        </p>
      ) : (
        <table className="history" data-testid="history-table">
          <colgroup>
            <col className="history__when-col" />
            <col className="history__integration-col" />
            <col />
            <col className="history__status-col" />
            <col className="history__time-col" />
          </colgroup>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Integration</th>
              <th scope="col">Request</th>
              <th scope="col">Status</th>
              <th scope="col">Time</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((entry) => (
              <tr key={entry.id} className={entry.id === openId ? 'history__row--open' : undefined}>
                <td>
                  <span className="truncate" title={new Date(entry.at).toLocaleString()}>
                    {new Date(entry.at).toLocaleString()}
                  </span>
                </td>
                <td>{entry.integrationName ?? '—'}</td>
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
                    {entry.status ?? entry.exchange.networkError?.kind ?? '—'}
                  </span>
                </td>
                <td>{entry.durationMs} ms</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {opened && (
        <div className="stack" data-testid="history-detail">
          {opened.diagnosis ? (
            <DiagnosisView
              diagnosis={opened.diagnosis}
              exchange={opened.exchange}
              integrationName={opened.integrationName}
            />
          ) : (
            <section className="panel" aria-label="Exchange">
              <ExchangeView exchange={opened.exchange} />
            </section>
          )}
        </div>
      )}
    </section>
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
