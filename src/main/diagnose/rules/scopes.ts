/** Rules about scopes: undeclared, wrongly separated, insufficient. */
import type { DiagnosisContext } from '../context'
import type { Evidence } from '../evidence'
import { capitalize, listWords, plural, vendorName, vendorsPortal } from '../wording'
import { blamesGatewayKey, errorIs, mentions, type HintRule } from './hintRule'

/** `hedge` introduces a guess: "If the credentials are right, ". */
function scopeMessage(evidence: Evidence, context: DiagnosisContext, hedge: string): string {
  const scopes = context.requestedScopes
  if (!scopes.length) {
    return 'No scope was requested, and the vendor’s answer is about scope: add the scope the vendor documents for this API.'
  }
  const altitudeAngel =
    evidence.status === 401
      ? context.preset?.id === 'altitude-angel'
        ? ' Altitude Angel answers 401 for scopes not declared for the client.'
        : ' Some vendors (Altitude Angel, for one) answer 401 for undeclared scopes.'
      : ''
  return (
    capitalize(`${hedge}the ${plural(scopes.length, 'scope', 'scopes')}`) +
    ` ${listWords(scopes.map((scope) => `"${scope}"`))} may not be declared for this client in ${vendorsPortal(context)}, or may be misspelt (scopes are case-sensitive): declare ${plural(scopes.length, 'it', 'them')} there, or request only scopes the client has.` +
    altitudeAngel
  )
}

export const scopeNotDeclared: HintRule = (evidence, context) => {
  if (errorIs(evidence, 'insufficient_scope')) return null
  const aboutScope =
    errorIs(evidence, 'invalid_scope') ||
    ([401, 403].includes(evidence.status) && mentions(evidence, /scope/))
  if (!aboutScope) return null
  return { code: 'scope-not-declared', message: scopeMessage(evidence, context, '') }
}

/** A bare 401 on a token call that asked for scopes: a guess, ranked after the credential hints. */
export const scopeMaybeNotDeclared: HintRule = (evidence, context) => {
  const bare401 = context.purpose === 'token' && evidence.status === 401 && evidence.error === undefined
  if (!bare401 || !context.requestedScopes.length || blamesGatewayKey(evidence)) return null
  return {
    code: 'scope-not-declared',
    message: scopeMessage(evidence, context, 'If the credentials are right, '),
  }
}

const SEPARATOR_NAMES = { ' ': 'spaces', ',': 'commas' } as const

export const scopeSeparator: HintRule = (evidence, context) => {
  if (context.purpose !== 'token' || evidence.status < 400 || evidence.status > 499) return null
  const { requestedScopes: scopes, scopeSeparator: used } = context
  const documented = context.preset?.scopeSeparator
  if (scopes.length > 1 && documented && documented !== used) {
    return {
      code: 'scope-separator',
      message: `${vendorName(context)} separates scopes with ${SEPARATOR_NAMES[documented]}, but this integration joins them with ${SEPARATOR_NAMES[used]}: set the scope separator to ${SEPARATOR_NAMES[documented]}.`,
    }
  }
  if (!errorIs(evidence, 'invalid_scope')) return null
  const lumped = scopes.find((scope) => /[\s,]/.test(scope))
  if (lumped) {
    return {
      code: 'scope-separator',
      message: `The scope "${lumped}" holds several names in one entry: enter each scope separately so TokenDesk joins them with the vendor’s separator.`,
    }
  }
  // A preset that documents the separator it matches leaves nothing to suggest.
  if (scopes.length < 2 || documented) return null
  const other = used === ' ' ? ',' : ' '
  return {
    code: 'scope-separator',
    message: `Several scopes were sent, joined with ${SEPARATOR_NAMES[used]}. If this vendor separates scopes with ${SEPARATOR_NAMES[other]} (AffinityLive uses commas), change the scope separator; otherwise request one scope at a time to find the refused one.`,
  }
}

export const insufficientScope: HintRule = (evidence, context) => {
  if (!errorIs(evidence, 'insufficient_scope')) return null
  const needed = evidence.challenges.find((challenge) => challenge.params.scope)?.params.scope
  return {
    code: 'insufficient-scope',
    message: `The access token was not granted the scope this call needs${needed ? ` (the API asks for "${needed}")` : ''}: add it to the integration’s scopes, declare it for the client in ${vendorsPortal(context)} if needed, and get a new token.`,
  }
}
