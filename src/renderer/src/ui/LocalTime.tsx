import { formatLocalDateTime } from '../lib/formatDate'

/** "2030-01-01 12:00:00 UTC": ISO's order, for comparing with server logs. */
export function formatUtc(iso: string): string {
  return `${new Date(iso).toISOString().slice(0, 19).replace('T', ' ')} UTC`
}

/**
 * The inspector's one time format: the user's local date and time, UTC on hover. Testers compare
 * with their own clock first and with a server's log second.
 */
export function LocalTime({ iso, testId }: { iso: string; testId?: string }) {
  return (
    <time dateTime={iso} title={formatUtc(iso)} data-testid={testId}>
      {formatLocalDateTime(iso)}
    </time>
  )
}
