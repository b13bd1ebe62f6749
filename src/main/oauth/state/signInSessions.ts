import { ERR_INTEGRATION_INCOMPLETE } from '../../../shared/errorCodes'
import type { DeviceAuthorization } from '../../../shared/token'
import { TokenDeskError } from '../../errors'
import type { GrantInput } from '../requests/grants/grant'
import { readPastedAnswer } from '../responses/pastedAnswer'
import type { SignInAttempt } from '../signIn/signInAttempt'

/**
 * Consent flows in progress, by integration: a sign-in attempt whose code the user pastes (a PIN,
 * a code, or the whole address the browser ended on), and a device sign-in's device code (the app's
 * secret) while the user approves elsewhere.
 */
export class SignInSessions {
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

  /** What the user pasted, as grant input, read against the sign-in this integration started (see readPastedAnswer). */
  grantInput(integrationId: string, pasted: string | undefined): GrantInput {
    return readPastedAnswer(pasted, this.attempts.get(integrationId))
  }

  /** A code is single-use: after it was redeemed (or refused) the session is over. */
  finish(integrationId: string): void {
    this.attempts.delete(integrationId)
    this.devices.delete(integrationId)
  }
}
