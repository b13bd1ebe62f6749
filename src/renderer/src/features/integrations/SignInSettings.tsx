import { useState } from 'react'
import { fieldLabel } from '@shared/fieldLabels'
import type { Integration } from '@shared/integration'
import { useEditor } from './editorStore'
import { SelectField } from '../../ui/SelectField'

type Via = NonNullable<NonNullable<Integration['signIn']>['via']>
const VIA_OPTIONS: Array<{ value: Via; label: string }> = [
  { value: 'ask', label: 'Offer both (a TokenDesk window or your browser)' },
  { value: 'embedded', label: 'A TokenDesk window' },
  { value: 'browser', label: 'Your browser (comes back to 127.0.0.1)' },
]

/** How the user signs in for this integration, and whether the TokenDesk window remembers it. */
export function SignInSettings({
  integrationId,
  signIn,
  onChange,
}: {
  integrationId?: string
  signIn: Integration['signIn']
  onChange: (signIn: Integration['signIn']) => void
}) {
  const [cleared, setCleared] = useState(false)
  const settings = signIn ?? {}
  const clearSession = useEditor((state) => state.clearSignInSession)
  const clear = async () => setCleared(await clearSession())
  return (
    <>
      <SelectField
        label="Sign in with"
        value={settings.via ?? 'ask'}
        options={VIA_OPTIONS}
        onChange={(via) => onChange({ ...settings, via })}
        help="Some providers refuse embedded windows (Google, passkeys): TokenDesk then offers your browser."
      />
      <label className="inline">
        <input
          type="checkbox"
          checked={settings.rememberSession === true}
          onChange={(event) => onChange({ ...settings, rememberSession: event.target.checked })}
        />{' '}
        Remember my sign-in in the TokenDesk window (keeps the provider’s cookies for this integration)
      </label>
      <label className="inline">
        <input
          type="checkbox"
          checked={settings.pushedAuthorization === true}
          onChange={(event) => onChange({ ...settings, pushedAuthorization: event.target.checked })}
        />{' '}
        {fieldLabel('signIn.pushedAuthorization')} — RFC 9126: the request is sent to the provider first, and
        the browser gets only a reference to it
      </label>
      {settings.rememberSession && integrationId && (
        <p>
          <button type="button" className="button button--small" onClick={() => void clear()}>
            Sign out / clear session
          </button>{' '}
          {cleared && <span role="status">Signed out: the next sign-in starts fresh.</span>}
        </p>
      )}
    </>
  )
}
