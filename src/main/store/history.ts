import type { Diagnosis } from '../../shared/diagnosis'
import type { Exchange } from '../../shared/exchange'
import type { HistoryEntry, HistoryQuery } from '../../shared/history'
import type { KeyValueStore } from './keyValueStore'

export const DEFAULT_HISTORY_LIMIT = 500
/** Many calls in a burst write the file once. */
const WRITE_DELAY_MS = 250

/**
 * The last N exchanges the user made (token requests and API calls), masked, with their diagnosis.
 * Kept in memory and written behind, so a burst of calls does not rewrite the file each time.
 */
export class History {
  private entries: HistoryEntry[]
  private writeTimer: NodeJS.Timeout | undefined

  constructor(
    private readonly store: KeyValueStore,
    private readonly limit = DEFAULT_HISTORY_LIMIT,
  ) {
    const saved = store.get('entries')
    this.entries = Array.isArray(saved) ? (saved as HistoryEntry[]).slice(0, limit) : []
  }

  add(
    exchange: Exchange,
    context: { integrationId?: string; integrationName?: string; diagnosis?: Diagnosis },
  ): HistoryEntry {
    const entry: HistoryEntry = {
      id: exchange.id,
      at: exchange.startedAt,
      integrationId: context.integrationId,
      integrationName: context.integrationName,
      purpose: exchange.purpose,
      method: exchange.request.method,
      url: exchange.request.url,
      status: exchange.response?.status,
      ok: exchange.response !== undefined && exchange.response.status < 400 && !context.diagnosis,
      durationMs: exchange.durationMs,
      summary: context.diagnosis?.summary,
      exchange,
      diagnosis: context.diagnosis,
    }
    this.entries.unshift(entry)
    if (this.entries.length > this.limit) this.entries.length = this.limit
    this.scheduleWrite()
    return entry
  }

  list(query: HistoryQuery = {}): HistoryEntry[] {
    const text = query.text?.trim().toLowerCase()
    return this.entries
      .filter((entry) => !query.integrationId || entry.integrationId === query.integrationId)
      .filter((entry) => query.outcome === undefined || (query.outcome === 'ok') === entry.ok)
      .filter((entry) => !text || searchableText(entry).includes(text))
      .slice(0, query.limit ?? this.limit)
  }

  get(id: string): HistoryEntry | undefined {
    return this.entries.find((entry) => entry.id === id)
  }

  clear(): void {
    this.entries = []
    this.flush()
  }

  flush(): void {
    clearTimeout(this.writeTimer)
    this.writeTimer = undefined
    this.store.set('entries', this.entries)
  }

  private scheduleWrite(): void {
    if (this.writeTimer) return
    this.writeTimer = setTimeout(() => this.flush(), WRITE_DELAY_MS)
    this.writeTimer.unref()
  }
}

function searchableText(entry: HistoryEntry): string {
  return [
    entry.integrationName,
    entry.method,
    entry.url,
    entry.status,
    entry.summary,
    entry.diagnosis?.error,
    entry.purpose,
  ]
    .filter((part) => part !== undefined)
    .join(' ')
    .toLowerCase()
}
