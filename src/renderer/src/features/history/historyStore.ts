import { create } from 'zustand'
import type { HistoryEntry, HistoryQuery } from '@shared/history'
import type { Result } from '@shared/result'
import { MASKED } from '@shared/secretNames'
import type { RevokedToken, RevokeOutcome } from '@shared/token'
import { tokendesk } from '../../api/client'

/** Which days to show: today, the last 7 days, everything, or from one day to another (inclusive). */
export interface DateFilter {
  period: 'all' | 'today' | 'week' | 'range'
  /** `yyyy-mm-dd`, the user's own calendar day. */
  from?: string
  to?: string
}

interface HistoryState {
  entries: HistoryEntry[]
  query: HistoryQuery
  dates: DateFilter
  openId: string | null
  /** What the last Retry did, in words, or why it could not run. */
  retried: string | null
  retrying: boolean
  load: () => Promise<void>
  setQuery: (patch: Partial<HistoryQuery>) => void
  setDates: (dates: DateFilter) => void
  clearFilters: () => void
  open: (id: string | null) => void
  retry: (entry: HistoryEntry) => Promise<void>
  /** RFC 7009: revokes both of the entry's integration's kept tokens; says what happened in words. */
  revokeTokens: (entry: HistoryEntry) => Promise<void>
  clear: () => Promise<void>
}

export const useHistory = create<HistoryState>((set, get) => ({
  entries: [],
  query: {},
  dates: { period: 'all' },
  openId: null,
  retried: null,
  retrying: false,
  load: async () => {
    const query = get().query
    const result = await tokendesk().history.list(query)
    if (result.ok && get().query === query) set({ entries: result.value })
  },
  setQuery: (patch) => {
    set({ query: { ...get().query, ...patch } })
    void get().load()
  },
  setDates: (dates) => set({ dates }),
  clearFilters: () => {
    set({ query: {}, dates: { period: 'all' } })
    void get().load()
  },
  open: (openId) => set({ openId, retried: null }),
  retry: async (entry) => {
    const id = entry.integrationId
    if (!id) return
    set({ retrying: true, retried: null })
    const retried = entry.purpose === 'api' ? await retryApiCall(id, entry) : await retryToken(id)
    set({ retrying: false })
    await get().load()
    // The new attempt is the newest entry: open it, so its outcome is what the user reads next.
    const newest = get().entries[0]
    set({ openId: newest && newest.id !== entry.id ? newest.id : get().openId, retried })
  },
  revokeTokens: async (entry) => {
    const id = entry.integrationId
    if (!id) return
    set({ retrying: true, retried: null })
    const result = await tokendesk().token.revoke({ id, which: 'both' })
    set({ retrying: false, retried: revocationSentence(result) })
    await get().load()
  },
  clear: async () => {
    await tokendesk().history.clear({})
    set({ entries: [], openId: null })
  },
}))

function revocationSentence(result: Result<RevokeOutcome>): string {
  if (!result.ok) return result.error.message
  const { revoked, notHeld, diagnosis } = result.value
  const names = (tokens: RevokedToken[]) =>
    [...tokens]
      .sort()
      .map((token) => `${token} token`)
      .join(' and ')
  const parts: string[] = []
  if (revoked.length > 0) parts.push(`Revoked the ${names(revoked)}.`)
  if (notHeld.length > 0)
    parts.push(
      `TokenDesk held no ${[...notHeld]
        .sort()
        .map((token) => `${token} token`)
        .join(' or ')}: nothing was sent for it.`,
    )
  if (diagnosis) parts.push(`The vendor refused: ${diagnosis.summary}`)
  return parts.join(' ')
}

async function retryToken(id: string): Promise<string> {
  const result = await tokendesk().token.get({ id, fresh: true })
  if (!result.ok) return result.error.message
  return result.value.ok ? 'Retried: token received.' : `Retried: ${result.value.diagnosis.summary}`
}

/** The same call again. Main places the token and the integration's API headers itself; masked values are left out. */
async function retryApiCall(id: string, entry: HistoryEntry): Promise<string> {
  const { request } = entry.exchange
  const headers = request.headers.filter(
    ([name, value]) => !value.includes(MASKED) && !['authorization', 'accept'].includes(name.toLowerCase()),
  )
  const result = await tokendesk().api.call({
    id,
    request: {
      method: request.method,
      url: withoutMaskedParams(request.url),
      headers,
      body: request.body ?? undefined,
    },
  })
  if (!result.ok) return result.error.message
  const outcome = result.value
  if (outcome.tokenFailure) return `Retried: ${outcome.tokenFailure.diagnosis.summary}`
  return outcome.status === undefined
    ? `Retried: ${outcome.diagnosis?.summary ?? 'no answer.'}`
    : `Retried: HTTP ${outcome.status} ${outcome.statusText ?? ''}`.trim()
}

/** A token sent as a query parameter is recorded masked; main adds the real one again. */
function withoutMaskedParams(url: string): string {
  try {
    const parsed = new URL(url)
    for (const [name, value] of [...parsed.searchParams])
      if (value.includes(MASKED)) parsed.searchParams.delete(name)
    return parsed.toString()
  } catch {
    return url
  }
}

const DAY_MS = 86_400_000

/** The entries inside the date filter, by the user's own calendar days. */
export function withinDates(entries: HistoryEntry[], dates: DateFilter, now = Date.now()): HistoryEntry[] {
  const startOfToday = new Date(now)
  startOfToday.setHours(0, 0, 0, 0)
  const [from, to] =
    dates.period === 'today'
      ? [startOfToday.getTime(), Infinity]
      : dates.period === 'week'
        ? [startOfToday.getTime() - 6 * DAY_MS, Infinity]
        : dates.period === 'range'
          ? [dayStart(dates.from) ?? -Infinity, (dayStart(dates.to) ?? Infinity - DAY_MS) + DAY_MS]
          : [-Infinity, Infinity]
  return entries.filter((entry) => {
    const at = Date.parse(entry.at)
    return at >= from && at < to
  })
}

function dayStart(day: string | undefined): number | undefined {
  const match = day && /^(\d{4})-(\d{2})-(\d{2})$/.exec(day)
  if (!match) return undefined
  return new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3])).getTime()
}

/** Some filter narrows the list, so an empty list means "no match", not "nothing yet". */
export function filtering(query: HistoryQuery, dates: DateFilter): boolean {
  return Boolean(query.text || query.integrationId || query.outcome) || dates.period !== 'all'
}

/** The error in a word: the OAuth `error` code the server sent, else the kind of network failure. */
export function errorOf(entry: HistoryEntry): string | undefined {
  if (entry.ok) return undefined
  return entry.diagnosis?.error ?? entry.exchange.networkError?.kind ?? entry.diagnosis?.networkErrorKind
}
