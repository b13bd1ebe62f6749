import { useEffect, useState } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { CopyButton } from '../../lib/CopyButton'
import { headerLine } from '../../lib/formatBody'
import { useEditor } from './editorStore'

/** The exact token request the form would send, masked, refreshed as the user types. */
export function RequestPreview() {
  const { draft, preview, previewError, refreshPreview } = useEditor(
    useShallow(({ draft, preview, previewError, refreshPreview }) => ({
      draft,
      preview,
      previewError,
      refreshPreview,
    })),
  )
  const [revealed, setRevealed] = useState(false)

  useEffect(() => {
    const timer = window.setTimeout(() => void refreshPreview(revealed), 250)
    return () => window.clearTimeout(timer)
  }, [draft, revealed, refreshPreview])

  return (
    <section className="panel" aria-labelledby="preview-title" data-testid="request-preview">
      <div className="panel__header">
        <h2 id="preview-title">Request preview</h2>
        <div className="row">
          <label className="inline">
            <input
              type="checkbox"
              checked={revealed}
              onChange={(event) => setRevealed(event.target.checked)}
            />{' '}
            Show secrets
          </label>
          {preview && <CopyButton value={preview.curl} label="as curl" text="Copy as curl" />}
        </div>
      </div>
      {previewError ? (
        <p className="muted" data-testid="preview-problem">
          {previewError}
        </p>
      ) : preview ? (
        <>
          {preview.environment && (
            <p className="muted" data-testid="preview-environment">
              Environment: <strong>{preview.environment}</strong>
            </p>
          )}
          <pre className="code" tabIndex={0} data-testid="preview-http">
            {[
              `${preview.request.method} ${preview.request.url}`,
              ...preview.request.headers.map(headerLine),
              '',
              preview.request.body ?? '',
            ].join('\n')}
          </pre>
          {preview.warnings.length > 0 && (
            <ul
              className="callout callout--warning"
              aria-label="Checks before sending"
              data-testid="preflight-warnings"
            >
              {preview.warnings.map((warning) => (
                <li key={warning}>{warning}</li>
              ))}
            </ul>
          )}
        </>
      ) : (
        <p className="muted">Fill in the token URL to see the request.</p>
      )}
    </section>
  )
}
