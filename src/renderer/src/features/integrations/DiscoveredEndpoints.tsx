import { useEffect } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { useEditor } from './editorStore'

/** How long the issuer must stay unchanged before its discovery document is read. */
const TYPING_PAUSE_MS = 400

/**
 * The endpoints discovery found for the issuer typed above, read-only, with the document they came
 * from; typed URLs elsewhere in the form win over these.
 */
export function DiscoveredEndpoints({ issuer }: { issuer: string }) {
  const { discovery, discover } = useEditor(
    useShallow(({ discovery, discover }) => ({ discovery, discover })),
  )
  const typed = issuer.trim()
  useEffect(() => {
    const timer = window.setTimeout(() => void discover(), TYPING_PAUSE_MS)
    return () => window.clearTimeout(timer)
  }, [typed, discover])
  if (!typed) return null
  const current = discovery?.issuer === typed ? discovery : null
  if (!current)
    return (
      <p className="muted" role="status" data-testid="discovery-status">
        Reading the provider’s discovery document…
      </p>
    )
  if (current.problem || !current.found)
    return (
      <p className="field__warning" role="status" data-testid="discovery-status">
        Endpoints not discovered yet: {current.problem ?? 'the issuer gave no discovery document.'}
      </p>
    )
  const { found } = current
  return (
    <section className="discovered" aria-label="Discovered endpoints" data-testid="discovered-endpoints">
      <p className="help">
        Discovered from <code data-testid="discovery-url">{found.discoveryUrl}</code> — read-only; a URL typed
        in the form takes precedence.
      </p>
      <dl className="facts discovered__list">
        {found.endpoints.map((endpoint) => (
          <div key={endpoint.key} data-endpoint={endpoint.key}>
            <dt>{endpoint.label}</dt>
            <dd>
              <code className="discovered__url">{endpoint.url}</code>
            </dd>
          </div>
        ))}
      </dl>
    </section>
  )
}
