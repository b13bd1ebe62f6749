import { ERR_PASSPHRASE_REQUIRED } from '../../shared/errorCodes'
import type { Integration } from '../../shared/integration'
import { TokenDeskError } from '../errors'
import { collectSecrets, withoutSecrets } from '../vault/secretPaths'
import { openWithPassphrase, sealWithPassphrase, type PassphraseBox } from '../vault/passphraseBox'

export const EXPORT_FORMAT = 'tokendesk.export/1'
const PLACEHOLDER = /^<secret not exported: (.+)>$/
export const MIN_PASSPHRASE_LENGTH = 10

interface PlainExport {
  format: typeof EXPORT_FORMAT
  exportedAt: string
  integrations: Integration[]
}

interface EncryptedExport {
  format: typeof EXPORT_FORMAT
  exportedAt: string
  encrypted: PassphraseBox
}

/**
 * An export file. Without secrets (the default) each secret is replaced by a placeholder that says
 * what is missing; with secrets only when the user typed a passphrase, and then the whole file is
 * encrypted (scrypt + AES-256-GCM).
 */
export function writeExport(
  integrations: Integration[],
  options: { includeSecrets: boolean; passphrase?: string; now: Date },
): string {
  const exportedAt = options.now.toISOString()
  if (!options.includeSecrets) {
    const stripped = integrations.map((integration) =>
      withoutSecrets(
        integration,
        collectSecrets(integration).keys(),
        (path) => `<secret not exported: ${path}>`,
      ),
    )
    return JSON.stringify(
      { format: EXPORT_FORMAT, exportedAt, integrations: stripped } satisfies PlainExport,
      null,
      2,
    )
  }
  const passphrase = options.passphrase ?? ''
  if (passphrase.length < MIN_PASSPHRASE_LENGTH) {
    throw new TokenDeskError(
      ERR_PASSPHRASE_REQUIRED,
      `Exporting secrets needs a passphrase of at least ${MIN_PASSPHRASE_LENGTH} characters.`,
      { field: 'passphrase' },
    )
  }
  const inner = JSON.stringify({ format: EXPORT_FORMAT, exportedAt, integrations } satisfies PlainExport)
  return JSON.stringify(
    {
      format: EXPORT_FORMAT,
      exportedAt,
      encrypted: sealWithPassphrase(inner, passphrase),
    } satisfies EncryptedExport,
    null,
    2,
  )
}

/** True when the text is a TokenDesk export whose content is encrypted. */
export function isEncryptedExport(text: string): boolean {
  try {
    const parsed = JSON.parse(text) as Partial<EncryptedExport>
    return parsed.format === EXPORT_FORMAT && parsed.encrypted !== undefined
  } catch {
    return false
  }
}

/** Decrypts an encrypted export to its plain form; asks for the passphrase when none was given. */
export function decryptExport(text: string, passphrase: string | undefined): string {
  const parsed = JSON.parse(text) as EncryptedExport
  if (!passphrase) {
    throw new TokenDeskError(
      ERR_PASSPHRASE_REQUIRED,
      'This file holds encrypted secrets. Type the passphrase chosen when it was exported.',
      { field: 'passphrase' },
    )
  }
  return openWithPassphrase(parsed.encrypted, passphrase)
}

/** Removes "secret not exported" placeholders and lists, per integration, what the user must fill in. */
export function stripPlaceholders(integration: Integration): { integration: Integration; missing: string[] } {
  const missing: string[] = []
  const visit = (value: unknown): unknown => {
    if (typeof value === 'string') {
      const match = PLACEHOLDER.exec(value)
      if (match) missing.push(match[1]!)
      return match ? undefined : value
    }
    if (Array.isArray(value)) return value.map(visit)
    if (value && typeof value === 'object') {
      return Object.fromEntries(
        Object.entries(value)
          .map(([key, inner]) => [key, visit(inner)] as const)
          .filter(([, inner]) => inner !== undefined),
      )
    }
    return value
  }
  return { integration: visit(integration) as Integration, missing }
}
