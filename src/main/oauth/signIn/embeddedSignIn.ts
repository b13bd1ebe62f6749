import { ERR_CANCELLED, ERR_SIGN_IN_CLOSED } from '../../../shared/errorCodes'
import { TokenDeskError } from '../../errors'
import type { SignInAttempt, SignInCode } from './signInAttempt'

/**
 * What an embedded sign-in window reports. Providers reach the redirect in different ways (a 302, a
 * script, an auto-submitted form), and each shows up as a different Electron event, so the window
 * forwards all of them here: `before-request` (webRequest.onBeforeRequest, which can cancel a request
 * before it leaves), `will-redirect`, `will-navigate`, `did-navigate`, `did-fail-load`.
 */
export type EmbeddedNavigation =
  | {
      kind: 'before-request' | 'will-redirect' | 'will-navigate' | 'did-navigate'
      url: string
      method?: string
      /** The posted form, for a form_post answer. */
      formBody?: string
    }
  | { kind: 'did-fail-load'; url: string; errorDescription: string; isMainFrame: boolean }
  /** The visible text of a page that finished loading (capped by the window). */
  | { kind: 'page-text'; url: string; text: string }
  | { kind: 'closed' }
  /** The user pressed Cancel in TokenDesk. */
  | { kind: 'cancelled' }
  /** The user pressed "Continue in your browser". */
  | { kind: 'use-browser' }

export type EmbeddedOutcome =
  | { kind: 'code'; code: SignInCode }
  /** Leave the embedded window and sign in with the system browser instead, for this reason. */
  | { kind: 'use-browser'; reason: string }

/** How providers say they refuse embedded browsers (Google's `disallowed_useragent` page and its kin). */
const REFUSALS: Array<[needle: string, reason: string]> = [
  ['disallowed_useragent', 'The provider refuses sign-in from embedded browsers (disallowed_useragent).'],
  [
    'this browser or app may not be secure',
    'The provider says this browser “may not be secure” and refuses embedded sign-in.',
  ],
  ['use a secure browser', 'The provider asks for a full browser for this sign-in.'],
  ['passkey', 'The page asks for a passkey or security key, which works best in your browser.'],
  ['security key', 'The page asks for a passkey or security key, which works best in your browser.'],
]
const MAX_SCANNED_TEXT = 20_000

/** Why a page refuses to work in an embedded window, or undefined when it seems fine. */
export function embeddedBrowserRefusal(pageText: string): string | undefined {
  const text = pageText.slice(0, MAX_SCANNED_TEXT).toLowerCase()
  return REFUSALS.find(([needle]) => text.includes(needle))?.[1]
}

/**
 * Follows an embedded sign-in window for one attempt: cancels the redirect before it loads (whatever
 * its scheme), hands the answer to the attempt, and ends once — with a code, with the advice to
 * continue in the browser (and why), or with the attempt's error. The window itself is the caller's.
 */
export function watchEmbeddedSignIn(attempt: SignInAttempt) {
  let settle: { resolve(outcome: EmbeddedOutcome): void; reject(error: unknown): void }
  const outcome = new Promise<EmbeddedOutcome>((resolve, reject) => (settle = { resolve, reject }))
  let ended = false
  const end = (result: EmbeddedOutcome | { error: unknown }) => {
    if (ended) return
    ended = true
    if ('error' in result) settle.reject(result.error)
    else settle.resolve(result)
  }

  /** Returns whether the window must cancel this navigation or request. */
  function report(event: EmbeddedNavigation): { cancel: boolean } {
    switch (event.kind) {
      case 'closed':
        end({
          error: new TokenDeskError(
            ERR_SIGN_IN_CLOSED,
            'The sign-in window was closed before the sign-in finished; nothing was redeemed.',
          ),
        })
        return { cancel: false }
      case 'cancelled':
        end({ error: new TokenDeskError(ERR_CANCELLED, 'The sign-in was cancelled; nothing was redeemed.') })
        return { cancel: true }
      case 'use-browser':
        end({ kind: 'use-browser', reason: 'You chose to continue in your browser.' })
        return { cancel: true }
      case 'page-text': {
        const reason = ended ? undefined : embeddedBrowserRefusal(event.text)
        if (reason) end({ kind: 'use-browser', reason })
        return { cancel: false }
      }
      case 'did-fail-load':
        // Our own cancellation of the redirect also fails the load: that one is not a problem.
        if (!ended && event.isMainFrame && !attempt.recognizes(event.url))
          end({
            kind: 'use-browser',
            reason: `The page ${originOf(event.url)} did not load in the sign-in window (${event.errorDescription}).`,
          })
        return { cancel: false }
      default:
        if (!attempt.recognizes(event.url)) return { cancel: false }
        if (!ended) {
          try {
            end({ kind: 'code', code: attempt.complete({ url: event.url, formBody: event.formBody }) })
          } catch (error) {
            end({ error })
          }
        }
        return { cancel: true }
    }
  }
  return {
    report,
    outcome,
    get ended() {
      return ended
    },
  }
}

function originOf(url: string): string {
  try {
    return new URL(url).origin
  } catch {
    return 'you opened'
  }
}
