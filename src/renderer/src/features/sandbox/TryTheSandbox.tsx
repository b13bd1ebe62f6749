import { useSandbox } from './sandboxStore'

/** The empty profile's offer: one click to a sandbox twin of every preset, credentials filled in. */
export function TryTheSandbox({ onCreated }: { onCreated: (firstId: string | undefined) => void }) {
  const creating = useSandbox((s) => s.creating)
  const error = useSandbox((s) => s.error)
  const tryIt = useSandbox((s) => s.tryIt)
  return (
    <div className="sandbox-offer" data-testid="sandbox-offer">
      <h3>No credentials yet?</h3>
      <p>
        TokenDesk comes with a practice sandbox: its own copy of each vendor’s servers, running on this
        computer only (127.0.0.1). Try every preset with demo credentials, then break it on purpose to see how
        each failure is diagnosed.
      </p>
      <button
        type="button"
        className="button button--primary"
        disabled={creating}
        onClick={() => void tryIt().then((created) => onCreated(created[0]?.id))}
      >
        {creating ? 'Starting the sandbox…' : 'Try it with the sandbox'}
      </button>
      {error && (
        <p className="callout callout--error" role="alert">
          {error.message}
        </p>
      )}
    </div>
  )
}
