import type { Diagnosis } from './diagnosis'
import type { Exchange } from './exchange'
import type { TokenOutcomeFailure } from './token'

export interface ApiRequest {
  method: string
  /** Absolute, or relative to the integration's api.baseUrl. */
  url: string
  headers?: Array<[string, string]>
  body?: string
}

export interface ApiOutcome {
  /** True for a 2xx answer. */
  ok: boolean
  /** Set when no token could be had; then there is no API exchange. */
  tokenFailure?: TokenOutcomeFailure
  status?: number
  statusText?: string
  headers?: Array<[string, string]>
  /** The API's answer, with any token or secret in it masked. */
  body?: string
  truncated?: boolean
  /** True when a 401 made TokenDesk renew the token and retry once. */
  renewedAfter401: boolean
  /** The API calls made (one, or two after a 401), masked, oldest first. */
  exchanges: Exchange[]
  diagnosis?: Diagnosis
  /** The workspace environment whose variables were used. */
  environment?: string
}
