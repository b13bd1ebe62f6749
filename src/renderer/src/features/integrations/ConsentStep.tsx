import { useState } from 'react'
import { TextField } from '../../ui/TextField'
import type { Draft } from './draft'
import { useEditor } from './editorStore'
import { IdTokenResult } from './IdTokenResult'

/**
 * For grants that need the user's approval. Sign in inside TokenDesk (the embedded window) or in
 * your browser (it comes back to TokenDesk by itself); or, for providers that show a code or PIN
 * instead (AffinityLive), open the page and paste what it shows.
 */
export function ConsentStep({ draft }: { draft: Draft }) {
  const code = useEditor((s) => s.code)
  const setCode = useEditor((s) => s.setCode)
  const openAuthorize = useEditor((s) => s.openAuthorizePage)
  const signIn = useEditor((s) => s.signIn)
  const busy = useEditor((s) => s.busy)
  const advice = useEditor((s) => s.signInAdvice)
  const idToken = useEditor((s) => s.idToken)
  // Signing in saves a new integration first: the store lists it at once.
  const signInVia = (via: 'embedded' | 'browser') => void signIn(via)
  const [problem, setProblem] = useState<string | null>(null)
  const [opened, setOpened] = useState<string | null>(null)
  if (draft.integration.grant !== 'authorization_code') return null
  const via = draft.integration.signIn?.via ?? 'ask'
  // urn:ietf:wg:oauth:2.0:oob and kin: the provider shows a code or PIN to paste; there is no redirect to catch.
  const redirectUri = draft.integration.redirectUri
  const outOfBand = typeof redirectUri === 'string' && redirectUri.startsWith('urn:')

  const openAuthorizePage = async () => {
    const result = await openAuthorize()
    if (!result) return
    if (result.ok) {
      setOpened(result.value.authorizeUrl)
      setProblem(null)
    } else {
      setProblem(result.error.message)
    }
  }

  return (
    <section className="panel consent" aria-labelledby="consent-title">
      <h2 id="consent-title">Sign in</h2>
      {!outOfBand && (
        <>
          <div className="consent__actions">
            {via !== 'browser' && (
              <button
                type="button"
                className="button button--primary"
                disabled={busy === 'fetching'}
                onClick={() => signInVia('embedded')}
              >
                Sign in here
              </button>
            )}
            {via !== 'embedded' && (
              <button
                type="button"
                className="button"
                disabled={busy === 'fetching'}
                onClick={() => signInVia('browser')}
              >
                Sign in with your browser
              </button>
            )}
            {busy === 'fetching' && <span className="muted">Waiting for the sign-in to finish…</span>}
          </div>
          <p className="help">
            {via === 'ask'
              ? 'Here: the provider’s page opens in a TokenDesk window. Browser: your default browser opens and hands the answer back to TokenDesk on this computer (127.0.0.1).'
              : via === 'embedded'
                ? 'The provider’s page opens in a TokenDesk window.'
                : 'Your default browser opens and hands the answer back to TokenDesk on this computer (127.0.0.1).'}
          </p>
        </>
      )}
      {advice && (
        <div className="callout callout--warning" role="alert" data-testid="sign-in-advice">
          <p>{advice}</p>
          <button type="button" className="button" onClick={() => signInVia('browser')}>
            Continue in your browser
          </button>
        </div>
      )}
      <details className="consent__paste" open={outOfBand}>
        <summary>
          {outOfBand ? 'The provider shows a code or PIN' : 'The provider shows a code or PIN instead'}
        </summary>
        <ol className="steps">
          <li>
            <button type="button" className="button" onClick={() => void openAuthorizePage()}>
              Open the authorize page
            </button>{' '}
            <span className="muted">in your browser; sign in and approve.</span>
            {opened && (
              <p className="help" data-testid="authorize-url">
                Opened <code>{opened.split('?')[0]}</code>
              </p>
            )}
          </li>
          <li>
            <TextField
              label="Authorization code or PIN"
              value={code}
              onChange={setCode}
              help="Paste the code or PIN the provider shows — or the whole address your browser ended on."
              monospace
            />
          </li>
          <li>Press Get token.</li>
        </ol>
      </details>
      {problem && (
        <p className="callout callout--error" role="alert">
          {problem}
        </p>
      )}
      {idToken && <IdTokenResult idToken={idToken} />}
      {idToken && draft.id && <SignOut />}
    </section>
  )
}

/** RP-initiated logout: the provider's sign-out page in the browser; TokenDesk forgets the tokens. */
function SignOut() {
  const [done, setDone] = useState<string | null>(null)
  const [problem, setProblem] = useState<string | null>(null)
  const signOutHere = useEditor((s) => s.signOut)
  const signOut = async () => {
    const result = await signOutHere()
    if (!result) return
    if (result.ok) setDone(new URL(result.value.signOutPage).origin)
    else setProblem(result.error.message)
  }
  return (
    <p>
      <button type="button" className="button" onClick={() => void signOut()}>
        Sign out at the provider
      </button>{' '}
      {done && (
        <span role="status">Tokens forgotten here; the sign-out page of {done} opened in your browser.</span>
      )}
      {problem && (
        <span className="callout callout--error" role="alert">
          {problem}
        </span>
      )}
    </p>
  )
}
