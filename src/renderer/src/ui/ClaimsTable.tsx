import { claimGlossary } from '@shared/claimGlossary'
import type { ClaimTime } from '@shared/jwt'
import { describeExpiry, describeIssued, describeNotBefore } from '@shared/time'
import { CopyButton } from '../lib/CopyButton'
import { useNow } from '../lib/useNow'
import { LocalTime } from './LocalTime'
import './claimsTable.css'

interface ClaimsTableProps {
  title: string
  claims: Record<string, unknown>
  times: ClaimTime[]
  testId: string
}

/**
 * Claims as a readable table: name (truncated, in full on hover), value (times as local dates) with
 * its own Copy, and what the claim means.
 */
export function ClaimsTable({ title, claims, times, testId }: ClaimsTableProps) {
  const json = JSON.stringify(claims, null, 2)
  return (
    <section className="panel" aria-label={title} data-testid={testId}>
      <div className="panel__header">
        <h2>{title}</h2>
        <CopyButton value={json} label={`${title.toLowerCase()} JSON`} />
      </div>
      <table className="claims">
        <colgroup>
          <col className="claims__name-col" />
          <col />
          <col className="claims__copy-col" />
          <col className="claims__meaning-col" />
        </colgroup>
        <thead>
          <tr>
            <th scope="col">Claim</th>
            <th scope="col">Value</th>
            <th scope="col">
              <span className="visually-hidden">Copy value</span>
            </th>
            <th scope="col">Meaning</th>
          </tr>
        </thead>
        <tbody>
          {Object.entries(claims).map(([name, value]) => (
            <tr key={name} data-claim={name}>
              <th scope="row">
                <code className="truncate" title={name}>
                  {name}
                </code>
              </th>
              <td className="claims__value">
                <ClaimValue value={value} time={times.find((time) => time.claim === name)} />
              </td>
              <td className="claims__copy">
                <CopyButton value={copyText(value)} label={`${name} value`} />
              </td>
              <td className="muted">{claimGlossary[name] ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <details>
        <summary>Raw JSON</summary>
        <pre className="code" tabIndex={0}>
          {json}
        </pre>
      </details>
    </section>
  )
}

/** A string is copied as it is, without JSON's quotes; anything else as JSON. */
function copyText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value)
}

function ClaimValue({ value, time }: { value: unknown; time?: ClaimTime }) {
  if (time) return <TimeValue time={time} />
  if (typeof value === 'string') return <span>{value}</span>
  return <code>{JSON.stringify(value)}</code>
}

function TimeValue({ time }: { time: ClaimTime }) {
  const now = useNow()
  const relative =
    time.claim === 'exp'
      ? describeExpiry(time.epochSeconds, now)
      : time.claim === 'nbf'
        ? describeNotBefore(time.epochSeconds, now)
        : describeIssued(time.epochSeconds, now)
  return (
    <span>
      <LocalTime iso={time.iso} testId={`time-${time.claim}`} />{' '}
      <span className="muted">
        ({relative}; <code>{time.epochSeconds}</code>)
      </span>
    </span>
  )
}
