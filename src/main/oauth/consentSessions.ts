import { ERR_INTEGRATION_INCOMPLETE, ERR_NOT_A_CODE } from '../../shared/errorCodes'
import type { DeviceAuthorization } from '../../shared/token'
import { TokenDeskError } from '../errors'
import type { GrantInput } from './grants/grant'
import type { SignInAttempt } from './signIn/signInAttempt'

/** "scheme://…" or a private-use "com.example.app:/…" (RFC 8252 §7.1): an address, not a bare code or PIN. */
const ADDRESS = /^[a-z][a-z0-9+.-]{0,60}:\//i

/**
 * Consent flows in progress, by integration: a sign-in attempt whose code the user pastes (a PIN,
 * a code, or the whole address the browser ended on), and a device sign-in's device code (the app's
 * secret) while the user approves elsewhere.
 */
export class ConsentSessions {
  private readonly attempts = new Map<string, SignInAttempt>()
  private readonly devices = new Map<string, DeviceAuthorization>()

  rememberDevice(integrationId: string, authorization: DeviceAuthorization): void {
    this.devices.set(integrationId, authorization)
  }

  device(integrationId: string): DeviceAuthorization {
    const authorization = this.devices.get(integrationId)
    if (!authorization) {
      throw new TokenDeskError(
        ERR_INTEGRATION_INCOMPLETE,
        'Start the device sign-in first: it gives the code to enter on the other device.',
      )
    }
    return authorization
  }

  remember(integrationId: string, attempt: SignInAttempt): void {
    this.attempts.set(integrationId, attempt)
  }

  /**
   * Turns what the user pasted into grant input. A whole address is read by the sign-in attempt
   * (redirect target, state, iss) before its code is used; a bare code or PIN is taken as is, with
   * the attempt's PKCE verifier.
   */
  grantInput(integrationId: string, pasted: string | undefined): GrantInput {
    const attempt = this.attempts.get(integrationId)
    const text = pasted?.trim()
    if (!text) return {}
    if (!ADDRESS.test(text)) return { code: text, ...(attempt ? pkceOf(attempt) : {}) }
    assertHoldsAnAnswer(text)
    if (!attempt)
      throw new TokenDeskError(
        ERR_INTEGRATION_INCOMPLETE,
        'Press "Open the authorize page" first: TokenDesk checks the address against the sign-in it started.',
        { field: 'code' },
      )
    return attempt.complete({ url: text })
  }

  /** A code is single-use: after it was redeemed (or refused) the session is over. */
  finish(integrationId: string): void {
    this.attempts.delete(integrationId)
    this.devices.delete(integrationId)
  }
}

function pkceOf(attempt: SignInAttempt): GrantInput {
  const { codeVerifier, nonce, redirectUri } = attempt.pkce
  return { codeVerifier, nonce, redirectUri }
}

/** A browser's own error page (the redirect could not load) holds no answer: say so, not "invalid_grant". */
function assertHoldsAnAnswer(address: string): void {
  let url: URL | undefined
  try {
    url = new URL(address)
  } catch {
    url = undefined
  }
  const params = new URLSearchParams(`${url?.search.slice(1) ?? ''}&${url?.hash.slice(1) ?? ''}`)
  if (
    !url ||
    url.protocol === 'chrome-error:' ||
    url.protocol === 'about:' ||
    !['code', 'error', 'state'].some((name) => params.has(name))
  )
    throw new TokenDeskError(
      ERR_NOT_A_CODE,
      url?.protocol === 'chrome-error:'
        ? 'That is the address of the browser’s error page, not the sign-in answer. Copy the address from the bar after the provider sends you back (it contains “code=”), or paste the code itself.'
        : 'That address holds no sign-in answer (no “code=”, “error=” or “state=” in it). Paste the address the provider sent you back to, or the code itself.',
      { field: 'code' },
    )
}
