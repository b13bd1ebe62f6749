import { useEffect } from 'react'
import { SANDBOX_SWITCHES, type SandboxSwitchId } from '../../../../shared/sandbox'
import { SandboxBadge } from '../../ui/SandboxBadge'
import { useSandbox } from './sandboxStore'

/** A sandbox integration's panel: where its server runs, whom to sign in as, and the break switches. */
export function SandboxPanel({ integrationId }: { integrationId: string }) {
  const panel = useSandbox((s) => s.panel)
  const status = useSandbox((s) => s.status)
  const error = useSandbox((s) => s.error)
  const loadPanel = useSandbox((s) => s.loadPanel)
  const setSwitch = useSandbox((s) => s.setSwitch)
  useEffect(() => {
    void loadPanel(integrationId)
  }, [integrationId, loadPanel])

  const state = panel?.id === integrationId ? panel.state : null
  if (!state) return null
  const server = status?.servers.find((s) => s.vendor === state.vendor)
  const users = status?.demoUsers.filter((u) => u.vendor === state.vendor) ?? []
  const offered = SANDBOX_SWITCHES.filter((s) => state.available.includes(s.id))
  const choose = (which: SandboxSwitchId | null) => void setSwitch(integrationId, which)

  return (
    <section className="sandbox-panel" aria-label="Sandbox" data-testid="sandbox-panel">
      <h3>
        <SandboxBadge /> Practice sandbox
      </h3>
      {server && (
        <p className="muted">
          {server.name} runs on this computer at <code>{server.url}</code>. Every URL of this integration
          follows it, even when its port changes after a restart.
        </p>
      )}
      {state.apiUrl && (
        <p className="muted">
          Its API, for Try the API: <code data-testid="sandbox-api-url">{state.apiUrl}</code>
        </p>
      )}
      {users.map((user) => (
        <p key={user.username} className="muted" data-testid="sandbox-demo-user">
          Demo sign-in (sandbox only): <code>{user.username}</code> / <code>{user.password}</code>
        </p>
      ))}
      <fieldset className="sandbox-panel__switches">
        <legend>Break it on purpose</legend>
        <label>
          <input
            type="radio"
            name={`sandbox-switch-${integrationId}`}
            checked={!state.active}
            onChange={() => choose(null)}
          />{' '}
          Working normally
        </label>
        {offered.map((s) => (
          <label key={s.id} title={s.effect}>
            <input
              type="radio"
              name={`sandbox-switch-${integrationId}`}
              checked={state.active === s.id}
              onChange={() => choose(s.id)}
            />{' '}
            {s.label}
          </label>
        ))}
      </fieldset>
      {state.active && (
        <p className="callout" role="status">
          On: {SANDBOX_SWITCHES.find((s) => s.id === state.active)?.effect}. The switch applies to this
          vendor’s sandbox server, so its other sandbox integrations see it too.
        </p>
      )}
      {error && (
        <p className="callout callout--error" role="alert">
          {error.message}
        </p>
      )}
    </section>
  )
}
