import { CopyButton } from '../../lib/CopyButton'
import { formatLocalDateTime } from '../../lib/formatDate'
import { useEditor } from './editorStore'

/** Device sign-in: the code to type on the other device, where to type it, and that we are waiting. */
export function DeviceStep() {
  const hasId = useEditor((state) => Boolean(state.draft?.id))
  const devicePrompt = useEditor((state) => state.devicePrompt)
  const openDevicePage = useEditor((state) => state.openDevicePage)
  if (!hasId || !devicePrompt) return null
  return (
    <section className="panel consent" aria-labelledby="device-title" data-testid="device-prompt">
      <h2 id="device-title">Approve on another device</h2>
      <p>
        Go to <code>{devicePrompt.verificationUri}</code> and enter this code:
      </p>
      <p className="user-code" data-testid="user-code">
        {devicePrompt.userCode}
      </p>
      <div className="row">
        <CopyButton value={devicePrompt.userCode} label="user code" text="Copy code" />
        <button type="button" className="button" onClick={() => void openDevicePage()}>
          Open the page here
        </button>
      </div>
      <p className="spinner muted" role="status">
        Waiting for approval — the code is valid until {formatLocalDateTime(devicePrompt.expiresAt)}.
      </p>
    </section>
  )
}
