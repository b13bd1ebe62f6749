import type { Diagnosis } from './diagnosis'
import type { Exchange } from './exchange'

/** One row of history: a token request or API call the user made, masked, with its diagnosis. */
export interface HistoryEntry {
  id: string
  at: string
  integrationId?: string
  integrationName?: string
  /** The workspace environment whose variables the request used. */
  environment?: string
  /** Made with a sandbox integration: shown with the "Sandbox" badge. */
  sandbox?: boolean
  purpose: Exchange['purpose']
  method: string
  url: string
  status?: number
  ok: boolean
  durationMs: number
  summary?: string
  exchange: Exchange
  diagnosis?: Diagnosis
}

export interface HistoryQuery {
  text?: string
  integrationId?: string
  outcome?: 'ok' | 'failed'
  limit?: number
}
