import type { Exchange } from '@shared/exchange'
import { formatBody, headerLine } from '../lib/formatBody'

/** A masked request and its response, side by side: headers, body, status, timing. */
export function ExchangeView({
  exchange,
  layout = 'side',
}: {
  exchange: Exchange
  layout?: 'side' | 'stacked'
}) {
  const { request, response, networkError } = exchange
  return (
    <div className={`exchange exchange--${layout}`} data-testid="exchange">
      <section className="exchange__part" aria-label="Request sent">
        <h4>
          Request <span className="muted">{new Date(exchange.startedAt).toLocaleTimeString()}</span>
        </h4>
        <pre className="code" tabIndex={0}>
          <strong>
            {request.method} {request.url}
          </strong>
          {'\n'}
          {request.headers.map(headerLine).join('\n')}
          {request.body ? `\n\n${formatBody(request.body)}` : ''}
        </pre>
      </section>
      <section className="exchange__part" aria-label="Response received">
        <h4>
          Response <span className="muted">{exchange.durationMs} ms</span>
        </h4>
        {response ? (
          <pre className="code" tabIndex={0} data-testid="exchange-response">
            <strong>
              HTTP {response.status} {response.statusText}
            </strong>
            {'\n'}
            {response.headers.map(([name, value]) => `${name}: ${value}`).join('\n')}
            {'\n\n'}
            {formatBody(response.body)}
            {response.truncated ? '\n… (cut at the size limit)' : ''}
          </pre>
        ) : (
          <p className="callout callout--error">
            No response — {networkError?.kind}: {networkError?.message}
          </p>
        )}
      </section>
    </div>
  )
}
