import { ERR_INTEGRATION_INCOMPLETE } from '../../shared/errorCodes'
import type { DeviceAuthorization } from '../../shared/token'
import { TokenDeskError } from '../errors'
import type { GrantInput } from './grants/grant'
import { completeAuthorization, type AuthorizationSession } from './authorization'

/**
 * Consent flows in progress, by integration: the state and PKCE verifier wait here for the code, and a
 * device sign-in's device code (the app's secret) waits here while the user approves elsewhere.
 */
export class ConsentSessions {
  private readonly sessions = new Map<string, AuthorizationSession>()
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

  remember(integrationId: string, session: AuthorizationSession): void {
    this.sessions.set(integrationId, session)
  }

  /**
   * Turns what the user pasted into grant input. A whole redirect address is checked (state, target)
   * before its code is used; a bare code or PIN is taken as is, with the session's PKCE verifier.
   */
  grantInput(integrationId: string, pasted: string | undefined): GrantInput {
    const session = this.sessions.get(integrationId)
    const text = pasted?.trim()
    if (!text) return {}
    const code =
      session && /^[a-z][a-z0-9+.-]*:\/\/\S+\?/i.test(text) ? completeAuthorization(session, text).code : text
    return {
      code,
      codeVerifier: session?.codeVerifier,
      redirectUri: session?.redirectUri,
      nonce: session?.nonce,
    }
  }

  /** A code is single-use: after it was redeemed (or refused) the session is over. */
  finish(integrationId: string): void {
    this.sessions.delete(integrationId)
    this.devices.delete(integrationId)
  }
}
