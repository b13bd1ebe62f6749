import { useId, useRef, useState } from 'react'
import { ERR_PASSPHRASE_REQUIRED, ERR_PASSPHRASE_WRONG } from '@shared/errorCodes'
import type { ImportOutcome } from '@shared/ipc/contract'
import { Dialog } from '../../ui/Dialog'
import { useIntegrations } from './integrationsStore'

/**
 * Import a TokenDesk file or the OAuth settings of a Postman, Insomnia or Bruno collection (several
 * files at once: a collection and its environments). The files are read here and handed to main, so
 * an encrypted export can ask for its passphrase without picking the file again. A Bruno collection
 * folder is picked and read in main.
 */
export function ImportButton() {
  const input = useRef<HTMLInputElement>(null)
  const inputId = useId()
  const [file, setFile] = useState<Array<{ name: string; text: string }> | null>(null)
  const [passphrase, setPassphrase] = useState('')
  const [needsPassphrase, setNeedsPassphrase] = useState(false)
  const [message, setMessage] = useState<{ tone: 'ok' | 'error'; text: string; warnings?: string[] } | null>(
    null,
  )
  const importFiles = useIntegrations((state) => state.importFiles)
  const importFolder = useIntegrations((state) => state.importFolder)

  const runImport = async (picked: Array<{ name: string; text: string }>, typed?: string) => {
    showResult(await importFiles(picked, typed), picked)
  }

  const showResult = async (
    result: Awaited<ReturnType<typeof importFiles>>,
    picked: Array<{ name: string; text: string }> | null,
  ) => {
    if (result.ok && result.value.cancelled) return
    if (result.ok) {
      setNeedsPassphrase(false)
      setFile(null)
      setPassphrase('')
      setMessage(describe(result.value))
    } else if (
      picked &&
      (result.error.code === ERR_PASSPHRASE_REQUIRED || result.error.code === ERR_PASSPHRASE_WRONG)
    ) {
      setFile(picked)
      setNeedsPassphrase(true)
      setMessage(
        result.error.code === ERR_PASSPHRASE_WRONG ? { tone: 'error', text: result.error.message } : null,
      )
    } else {
      setMessage({ tone: 'error', text: result.error.message })
    }
  }

  const cancelPassphrase = () => {
    setNeedsPassphrase(false)
    setFile(null)
    setPassphrase('')
    setMessage(null)
  }

  return (
    <div className="import">
      <label htmlFor={inputId} className="visually-hidden">
        Import file
      </label>
      <input
        id={inputId}
        ref={input}
        type="file"
        className="visually-hidden"
        accept=".json,.bru,.yaml,.yml,application/json"
        multiple
        data-testid="import-file"
        onChange={async (event) => {
          const chosen = [...(event.target.files ?? [])]
          event.target.value = ''
          const picked = await Promise.all(
            chosen.map(async (each) => ({ name: each.name, text: await each.text() })),
          )
          if (picked.length) await runImport(picked)
        }}
      />
      <button type="button" className="button button--small" onClick={() => input.current?.click()}>
        Import…
      </button>
      <button
        type="button"
        className="button button--small"
        onClick={async () => showResult(await importFolder(), null)}
      >
        Import folder…
      </button>
      {needsPassphrase && file && (
        <Dialog labelledBy={`${inputId}-passphrase-title`} onClose={cancelPassphrase}>
          <h2 id={`${inputId}-passphrase-title`}>Open an encrypted export</h2>
          <form
            className="stack"
            onSubmit={(event) => {
              event.preventDefault()
              void runImport(file, passphrase)
            }}
          >
            <label htmlFor={`${inputId}-passphrase`}>
              Passphrase for {file.map((each) => each.name).join(', ')}
            </label>
            <input
              id={`${inputId}-passphrase`}
              className="input"
              type="password"
              autoFocus
              value={passphrase}
              onChange={(event) => setPassphrase(event.target.value)}
            />
            {message?.tone === 'error' && (
              <p className="callout callout--error" role="alert" data-testid="import-result">
                {message.text}
              </p>
            )}
            <div className="row">
              <button type="submit" className="button button--primary">
                Open
              </button>
              <button type="button" className="button" onClick={cancelPassphrase}>
                Cancel
              </button>
            </div>
          </form>
        </Dialog>
      )}
      {message && !(needsPassphrase && message.tone === 'error') && (
        <ImportResult message={message} onDismiss={() => setMessage(null)} />
      )}
    </div>
  )
}

/**
 * What the import did, in a compact line beside the list: what it brought in, and — amber, folded
 * so the list stays in view — what to fill in or check afterwards.
 */
function ImportResult({
  message,
  onDismiss,
}: {
  message: { tone: 'ok' | 'error'; text: string; warnings?: string[] }
  onDismiss: () => void
}) {
  const warnings = message.warnings ?? []
  const tone = message.tone === 'error' ? 'error' : warnings.length > 0 ? 'warning' : 'ok'
  return (
    <div
      className={`callout callout--${tone} import__result`}
      role={tone === 'error' ? 'alert' : 'status'}
      data-testid="import-result"
      data-tone={tone}
    >
      {message.text}
      {warnings.length > 0 && (
        <details className="import__warnings">
          <summary>
            {warnings.length === 1 ? '1 thing to check' : `${warnings.length} things to check`}
          </summary>
          <ul>
            {warnings.map((warning) => (
              <li key={warning}>{warning}</li>
            ))}
          </ul>
        </details>
      )}
      <button type="button" className="link-button import__dismiss" onClick={onDismiss}>
        Dismiss
      </button>
    </div>
  )
}

function describe(outcome: ImportOutcome): { tone: 'ok'; text: string; warnings: string[] } {
  const names = outcome.imported.map((summary) => `“${summary.name}”`).join(', ')
  const from =
    outcome.format === 'tokendesk'
      ? ''
      : ` from ${outcome.format?.replace(/^\w/, (letter) => letter.toUpperCase())}`
  const environments = outcome.environments.map((environment) => `“${environment.name}”`).join(', ')
  const imported = outcome.imported.length ? `Imported ${names}${from}.` : ''
  const withEnvironments = environments ? ` Environments: ${environments}.` : ''
  return {
    tone: 'ok',
    text: `${imported}${withEnvironments}`.trim() || 'Nothing to import in that file.',
    warnings: outcome.warnings,
  }
}

/** Export one integration: without secrets by default; with them only under a passphrase the user types. */
export function ExportDialog({ id, name, onClose }: { id: string; name: string; onClose: () => void }) {
  const [includeSecrets, setIncludeSecrets] = useState(false)
  const [passphrase, setPassphrase] = useState('')
  const [repeat, setRepeat] = useState('')
  const [problem, setProblem] = useState<string | null>(null)
  const [done, setDone] = useState<string | null>(null)
  const titleId = useId()
  const mismatch = includeSecrets && repeat !== '' && repeat !== passphrase
  const exportIntegration = useIntegrations((state) => state.exportIntegration)

  const exportNow = async () => {
    const result = await exportIntegration(id, {
      includeSecrets,
      passphrase: includeSecrets ? passphrase : undefined,
    })
    if (!result.ok) setProblem(result.error.message)
    else if (result.value.saved) setDone(result.value.path ?? 'Saved.')
  }

  return (
    <Dialog labelledBy={titleId} onClose={onClose}>
      <h2 id={titleId}>Export “{name}”</h2>
      {done ? (
        <p role="status" data-testid="export-done">
          Saved to <code>{done}</code>
        </p>
      ) : (
        <form
          className="stack"
          onSubmit={(event) => {
            event.preventDefault()
            void exportNow()
          }}
        >
          <label className="inline">
            <input
              type="checkbox"
              autoFocus
              checked={includeSecrets}
              onChange={(event) => setIncludeSecrets(event.target.checked)}
            />{' '}
            Include secrets, encrypted with a passphrase
          </label>
          <p className="help">
            {includeSecrets
              ? 'Anyone with the file and the passphrase can use these credentials. Share the passphrase another way.'
              : 'Secrets are left out; the file says which ones to fill in after import.'}
          </p>
          {includeSecrets && (
            <>
              <label htmlFor={`${titleId}-pass`}>Passphrase (at least 10 characters)</label>
              <input
                id={`${titleId}-pass`}
                className="input"
                type="password"
                value={passphrase}
                onChange={(event) => setPassphrase(event.target.value)}
              />
              <label htmlFor={`${titleId}-repeat`}>Type it again</label>
              <input
                id={`${titleId}-repeat`}
                className="input"
                type="password"
                value={repeat}
                aria-invalid={mismatch || undefined}
                onChange={(event) => setRepeat(event.target.value)}
              />
              {mismatch && <p className="field__error">The two passphrases differ.</p>}
            </>
          )}
          {problem && (
            <p className="callout callout--error" role="alert">
              {problem}
            </p>
          )}
          <div className="row">
            <button
              type="submit"
              className="button button--primary"
              disabled={includeSecrets && (passphrase.length < 10 || repeat !== passphrase)}
            >
              Export…
            </button>
            <button type="button" className="button" onClick={onClose}>
              Cancel
            </button>
          </div>
        </form>
      )}
      {done && (
        <button type="button" className="button" onClick={onClose}>
          Close
        </button>
      )}
    </Dialog>
  )
}
