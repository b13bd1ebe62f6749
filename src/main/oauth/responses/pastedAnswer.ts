import { ERR_INTEGRATION_INCOMPLETE, ERR_NOT_A_CODE } from '../../../shared/errorCodes'
import { TokenDeskError } from '../../errors'
import type { GrantInput } from '../requests/grants/grant'
import type { SignInAttempt } from '../signIn/signInAttempt'

/** "scheme://…" or a private-use "com.example.app:/…" (RFC 8252 §7.1): an address, not a bare code or PIN. */
const ADDRESS = /^[a-z][a-z0-9+.-]{0,60}:\//i

/**
 * What the user pasted — a PIN (AffinityLive's installed-app flow), a code, or the whole address the
 * browser ended on — read into grant input. A whole address is read by the sign-in attempt (redirect
 * target, state, iss) before its code is used; a bare code or PIN is taken as is, with the attempt's
 * PKCE verifier.
 */
export function readPastedAnswer(pasted: string | undefined, attempt: SignInAttempt | undefined): GrantInput {
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
