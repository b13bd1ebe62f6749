import { useState } from 'react'
import { tokendesk } from '../../api/client'
import { TextField } from '../../ui/TextField'
import type { Draft } from './draft'
import { useEditor } from './editorStore'

/**
 * For grants that need the user's approval: open the vendor's page in the system browser, then paste
 * the code or PIN it shows (or the whole address it sent you to; its state is checked).
 */
export function ConsentStep({ draft }: { draft: Draft }) {
  const { code, setCode, save, dirty } = useEditor()
  const [problem, setProblem] = useState<string | null>(null)
  const [opened, setOpened] = useState<string | null>(null)
  if (draft.integration.grant !== 'authorization_code') return null

  const openAuthorizePage = async () => {
    const id = dirty || !draft.id ? await save() : draft.id
    if (!id) return
    const result = await tokendesk().authorize.open({ id })
    if (result.ok) {
      setOpened(result.value.authorizeUrl)
      setProblem(null)
    } else {
      setProblem(result.error.message)
    }
  }

  return (
    <section className="panel consent" aria-labelledby="consent-title">
      <h2 id="consent-title">User approval</h2>
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
            help="Paste the code or PIN the vendor shows — or the whole address your browser ended on."
            monospace
          />
        </li>
        <li>Press Get token.</li>
      </ol>
      {problem && (
        <p className="callout callout--error" role="alert">
          {problem}
        </p>
      )}
    </section>
  )
}
