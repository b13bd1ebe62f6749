import { describe, expect, it } from 'vitest'
import type { Integration } from '../../shared/integration'
import { MARKABLE_FIELDS, SECRET_FIELDS, VALUE_MAPS } from '../../shared/secretFields'
import { MASKED } from '../../shared/secretNames'
import { leakedSecrets } from '../../../tests/support/secretEncodings'
import { resolveIntegration } from '../integration/resolve'
import { parseIntegration } from '../integration/parse'
import { createTokenEngine } from '../oauth/engine'
import { writeExport } from '../store/exportFile'
import { collectSecrets, withSecrets } from '../vault/secretPaths'
import { createMasker } from './mask'

/** An integration with a secret of every kind: always-secret fields, secret-named and marked map entries, marked fields. */
function integrationWithEverySecret(): Integration {
  const marked = [
    ...VALUE_MAPS.map((map) => `${map}.marked_${map.replace('.', '_')}`),
    ...MARKABLE_FIELDS.filter((field) => !field.endsWith('Url') && field !== 'issuer'),
  ]
  const values: Array<[string, string]> = [
    ...SECRET_FIELDS.map((path): [string, string] => [path, `value-of-${path}-X9`]),
    ...VALUE_MAPS.map((map): [string, string] => [`${map}.x-api-key`, `value-of-${map}-key-X9`]),
    ...marked.map((path): [string, string] => [path, `value-of-${path}-X9`]),
  ]
  const base = parseIntegration({
    grant: 'client_credentials',
    tokenUrl: 'https://vendor.test/token',
    clientAuth: 'body',
    basicAuth: { username: 'u', password: 'p' },
    secretFields: marked,
  })
  return parseIntegration(withSecrets(base, values))
}

describe('one list of secret fields', () => {
  const integration = integrationWithEverySecret()
  const vaulted = collectSecrets(integration)

  it('covers every kind of secret the integration format has', () => {
    expect(vaulted.size).toBe(
      SECRET_FIELDS.length + 2 * VALUE_MAPS.length + integration.secretFields!.length - VALUE_MAPS.length,
    )
    for (const map of VALUE_MAPS) expect(vaulted.has(`${map}.x-api-key`)).toBe(true)
  })

  it('masks by value every secret the vault encrypts', () => {
    const resolved = resolveIntegration(integration, {})
    const masker = createMasker(resolved.secrets, resolved.secretNames)
    for (const [path, value] of vaulted)
      expect({ path, masked: masker.text(value) }).toEqual({ path, masked: MASKED })
  })

  it('leaves no vaulted secret in the masked preview or its curl copy', async () => {
    const preview = await createTokenEngine({ env: {} }).previewTokenRequest(integration)
    const shown = JSON.stringify(preview.request) + preview.curl
    expect(leakedSecrets(shown, vaulted.values())).toEqual([])
    expect(preview.request.body).toContain('marked_tokenRequest_params=')
  })

  it('masks a marked parameter by name when its value is too short to mask by value', async () => {
    const short = parseIntegration({
      ...integration,
      tokenRequest: { ...integration.tokenRequest, params: { partner_code: 'p1' } },
      secretFields: ['tokenRequest.params.partner_code'],
    })
    const preview = await createTokenEngine({ env: {} }).previewTokenRequest(short)
    expect(preview.request.body).toContain(`partner_code=${MASKED}`)
    expect(preview.curl).toContain(`partner_code=${MASKED}`)
  })

  it('exports without any vaulted secret', () => {
    const exported = writeExport([integration], { includeSecrets: false, now: new Date(0) })
    expect(leakedSecrets(exported, vaulted.values())).toEqual([])
  })
})
