import { useApp } from './appStore'

/**
 * Says plainly how secrets are kept: weak encryption (Linux without a keyring) asks before saving,
 * no encryption keeps them for the session, damaged files were moved aside (and where).
 */
export function StorageNotices() {
  const status = useApp((state) => state.storage)
  const allow = useApp((state) => state.allowWeakEncryption)
  if (!status) return null
  return (
    <div className="notices" data-testid="storage-notices">
      {status.strength === 'weak' && !status.weakAllowed && (
        <div className="callout callout--warning" role="alert">
          <strong>No keyring found.</strong> This system offers only weak encryption ({status.backend}):
          anyone who copies your files could read saved secrets. Secrets are kept for this session only unless
          you agree.{' '}
          <button type="button" className="button button--small" onClick={() => void allow(true)}>
            Save secrets anyway
          </button>
        </div>
      )}
      {status.strength === 'unavailable' && (
        <div className="callout callout--warning" role="alert">
          <strong>Encryption is unavailable.</strong> Secrets are kept for this session only and must be typed
          again after a restart.
        </div>
      )}
      {status.recoveries.map((recovery) => (
        <div key={recovery.movedTo} className="callout callout--warning" role="alert">
          <strong>A damaged {recovery.store} file was set aside</strong> ({recovery.reason}). A copy is at{' '}
          <code>{recovery.movedTo}</code>; everything else was kept.
        </div>
      ))}
      {status.unreadable.length > 0 && (
        <div className="callout callout--warning" role="alert">
          Some saved secrets could not be decrypted (the system keychain may have changed). Type them again in
          the affected integrations.
        </div>
      )}
    </div>
  )
}
