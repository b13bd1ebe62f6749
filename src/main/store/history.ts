import type { Diagnosis } from '../../shared/diagnosis'
import type { Exchange } from '../../shared/exchange'
import type { HistoryEntry, HistoryQuery } from '../../shared/history'
import type { KeyValueStore } from './keyValueStore'
import type { ShapeCheck } from './openRecovering'

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
    context: {
      integrationId?: string
      integrationName?: string
      diagnosis?: Diagnosis
      environment?: string
      sandbox?: boolean
    },
  ): HistoryEntry {
    const entry: HistoryEntry = {
      id: exchange.id,
      at: exchange.startedAt,
      integrationId: context.integrationId,
      integrationName: context.integrationName,
      ...(context.environment !== undefined && { environment: context.environment }),
      ...(context.sandbox ? { sandbox: true } : {}),
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

  flush(): void {
    clearTimeout(this.writeTimer)
    this.writeTimer = undefined
    // Merged with what another process (the CLI, a second app) wrote meanwhile, newest first.
    this.entries = this.store.update('entries', (current) =>
      mergeNewestFirst(Array.isArray(current) ? (current as HistoryEntry[]) : [], this.entries, this.limit),
    ) as HistoryEntry[]
  }

  clear(): void {
    clearTimeout(this.writeTimer)
    this.writeTimer = undefined
    this.entries = []
    this.store.set('entries', [])
  }

  private scheduleWrite(): void {
    if (this.writeTimer) return
    this.writeTimer = setTimeout(() => this.flush(), WRITE_DELAY_MS)
    this.writeTimer.unref()
  }
}

function mergeNewestFirst(onDisk: HistoryEntry[], mine: HistoryEntry[], limit: number): HistoryEntry[] {
  const byId = new Map<string, HistoryEntry>()
  for (const entry of [...mine, ...onDisk]) if (!byId.has(entry.id)) byId.set(entry.id, entry)
  return [...byId.values()].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0)).slice(0, limit)
}

/** history.json as TokenDesk writes it: `entries`, a list of recorded exchanges. Others are dropped. */
export const checkHistoryFile: ShapeCheck = (read) => {
  const entries = read('entries')
  if (entries === undefined) return undefined
  if (!Array.isArray(entries))
    return { reason: '"entries" is not a list of exchanges', kept: {}, what: 'no history' }
  const good = entries.filter(isHistoryEntry)
  if (good.length === entries.length) return undefined
  return {
    reason: `${entries.length - good.length} of ${entries.length} history entries were not in the form TokenDesk writes`,
    kept: { entries: good },
    what: `the other ${good.length}`,
  }
}

function isHistoryEntry(value: unknown): value is HistoryEntry {
  if (typeof value !== 'object' || value === null) return false
  const { id, at, exchange, purpose } = value as Record<string, unknown>
  return (
    typeof id === 'string' &&
    typeof at === 'string' &&
    typeof purpose === 'string' &&
    typeof exchange === 'object' &&
    exchange !== null
  )
}

function searchableText(entry: HistoryEntry): string {
  return [
    entry.integrationName,
    entry.environment,
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
