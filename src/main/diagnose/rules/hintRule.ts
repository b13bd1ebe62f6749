/** What a rule is, and the questions about the evidence that several rules ask. */
import type { Hint } from '../../../shared/diagnosis'
import type { DiagnosisContext } from '../context'
import type { Evidence } from '../evidence'

/** One rule: a likely cause and its fix, or null when the evidence does not point to it. */
export type HintRule = (evidence: Evidence, context: DiagnosisContext) => Hint | null

export const errorIs = (evidence: Evidence, ...codes: string[]): boolean =>
  evidence.error !== undefined && codes.includes(evidence.error.toLowerCase())

export const mentions = (evidence: Evidence, pattern: RegExp): boolean => pattern.test(evidence.wording)

/** An API gateway refused a key of its own (APIM subscription key, AWS x-api-key) before OAuth ran. */
export const blamesGatewayKey = (evidence: Evidence): boolean =>
  mentions(evidence, /subscription[ -]?key|api[ -]?key/)

/** The client credentials (or Basic credentials) are what the token endpoint refused. */
export function credentialsRefused(evidence: Evidence, context: DiagnosisContext): boolean {
  if (context.purpose !== 'token' || blamesGatewayKey(evidence)) return false
  if (errorIs(evidence, 'invalid_client')) return true
  if (evidence.error !== undefined) return false
  // Some servers answer bad client credentials with a bare 403 and no body at all.
  return evidence.status === 401 || (evidence.status === 403 && evidence.body.type === 'empty')
}

/** The grant this request used: read from what was sent, since a refresh runs under another grant's integration. */
export function sentGrant(evidence: Evidence, context: DiagnosisContext): string {
  return evidence.sentParams.get('grant_type') ?? context.grant
}

export const isAuthFailure = (evidence: Evidence): boolean => evidence.status >= 400 && evidence.status <= 403

/** A wait rounded up, never down: retrying early only earns another refusal. */
export function waitTime(seconds: number): string {
  return seconds < 120 ? `${seconds} s` : `${Math.ceil(seconds / 60)} min`
}
