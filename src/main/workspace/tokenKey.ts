/**
 * The token cache's key for an integration used with an environment: tokens are kept per integration
 * AND environment, so switching to staging never sends production's token. Without an environment
 * the key is the integration's vault key itself (what it was before environments existed).
 * Vault keys never hold "@" (ids are letters, digits, ".", "_", "-"; workspace ids are UUIDs).
 */
export function tokenKeyOf(vaultKey: string, environment?: string): string {
  return environment === undefined ? vaultKey : `${vaultKey}@${environment}`
}

export function partsOfTokenKey(key: string): { vaultKey: string; environment?: string } {
  const at = key.indexOf('@')
  return at < 0 ? { vaultKey: key } : { vaultKey: key.slice(0, at), environment: key.slice(at + 1) }
}

/** The integration id inside a vault key ("<workspace id>/<integration id>", or the bare id). */
export function integrationIdOf(vaultKey: string): string {
  return vaultKey.slice(vaultKey.lastIndexOf('/') + 1)
}
