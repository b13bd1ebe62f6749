import { describe, expect, it } from 'vitest'
import type { Integration } from '../../shared/integration'
import { resolveIntegration } from '../integration/resolve'
import { affinityLive } from '../presets/affinityLive'
import { altitudeAngel } from '../presets/altitudeAngel'
import type { ProviderMetadata } from './discovery'
import { preflightChecks } from './preflight'

const check = (integration: Integration, metadata?: ProviderMetadata) => {
  const resolved = resolveIntegration(integration, {})
  const checks = preflightChecks(
    resolved,
    integration.preset === 'affinitylive' ? affinityLive : undefined,
    metadata,
  )
  return {
    warnings: checks.map(({ message }) => message),
    fields: checks.map(({ field }) => field),
    resolved,
  }
}

describe('pre-flight checks', () => {
  it('removes spaces around a URL and says so', () => {
    const { warnings, resolved } = check({
      grant: 'client_credentials',
      tokenUrl: '  https://vendor.test/token ',
    })
    expect(resolved.tokenUrl).toBe('https://vendor.test/token')
    expect(warnings).toEqual(['Token URL has spaces around it; they were removed. Check the copy-paste.'])
  })

  it('asks for a scheme, flags http:// away from this computer, and leaves loopback alone', () => {
    expect(check({ grant: 'x', tokenUrl: 'vendor.test/token' }).warnings[0]).toContain('Add https://')
    expect(check({ grant: 'x', tokenUrl: 'http://vendor.test/token' }).warnings[0]).toContain(
      'travel unencrypted',
    )
    expect(check({ grant: 'x', tokenUrl: 'http://127.0.0.1:8080/token' }).warnings).toEqual([])
  })

  it('spots a placeholder left in a preset URL', () => {
    const { warnings } = check({
      grant: 'x',
      tokenUrl: 'https://{deployment}.affinitylive.com/oauth2/v0/token',
    })
    expect(warnings[0]).toContain('placeholder ({deployment})')
  })

  it('warns about a secret pasted with quotes or spaces', () => {
    expect(check({ grant: 'x', clientSecret: '"abc123"' }).warnings[0]).toContain(
      'Client secret starts or ends with a quote or a space',
    )
  })

  it('compares the scope separator with the preset’s', () => {
    const { warnings } = check({
      grant: 'authorization_code',
      preset: 'affinitylive',
      scope: ['companies', 'contacts'],
      scopeSeparator: ' ',
    })
    expect(warnings).toContain(
      'AffinityLive separates scopes with commas; this integration uses " ". Set the scope separator to commas.',
    )
  })

  it('flags a client-auth style the issuer does not list', () => {
    const { warnings } = check(
      { grant: 'x', clientAuth: 'body' },
      {
        issuer: 'https://id.test',
        token_endpoint_auth_methods_supported: ['client_secret_basic', 'private_key_jwt'],
      },
    )
    expect(warnings[0]).toContain('does not list "client_secret_post"')
  })

  it('reads PAR and revocation facts from discovery: required, not offered, auth method not listed', () => {
    const required = check(
      { grant: 'authorization_code', signIn: { pushedAuthorization: false } },
      { issuer: 'https://id.test', require_pushed_authorization_requests: true },
    )
    expect(required.warnings[0]).toContain('pushes the authorize request although PAR is off')
    expect(required.fields).toEqual(['signIn.pushedAuthorization'])
    const notOffered = check(
      { grant: 'authorization_code', signIn: { pushedAuthorization: true } },
      { issuer: 'https://id.test' },
    )
    expect(notOffered.warnings[0]).toContain('publishes no pushed_authorization_request_endpoint')
    const revocation = check(
      { grant: 'x', clientAuth: 'body' },
      {
        issuer: 'https://id.test',
        revocation_endpoint: 'https://id.test/revoke',
        revocation_endpoint_auth_methods_supported: ['client_secret_basic'],
      },
    )
    expect(revocation.warnings).toEqual([expect.stringContaining('revoking a token may be refused')])
    expect(check({ grant: 'authorization_code' }, { issuer: 'https://id.test' }).warnings).toEqual([])
  })

  it('reads the DPoP algorithms discovery lists, and says when it lists none', () => {
    const dpop = { enabled: true, algorithm: 'EdDSA' as const }
    const unlisted = check(
      { grant: 'x', dpop },
      { issuer: 'https://id.test', dpop_signing_alg_values_supported: ['ES256', 'RS256'] },
    )
    expect(unlisted.warnings).toEqual([
      expect.stringContaining('signed with ES256, RS256 (dpop_signing_alg_values_supported), not EdDSA'),
    ])
    expect(unlisted.fields).toEqual(['dpop.algorithm'])
    const listed = check(
      { grant: 'x', dpop },
      { issuer: 'https://id.test', dpop_signing_alg_values_supported: ['EdDSA'] },
    )
    expect(listed.warnings).toEqual([])
    expect(check({ grant: 'x', dpop }, { issuer: 'https://id.test' }).fields).toEqual(['dpop.enabled'])
    expect(check({ grant: 'x' }, { issuer: 'https://id.test' }).warnings).toEqual([])
  })

  it('names the field each finding is about, so the form can show it there', () => {
    expect(
      check({ grant: 'x', tokenUrl: 'http://vendor.test/token', clientSecret: ' secret' }).fields,
    ).toEqual(['tokenUrl', 'clientSecret'])
  })
})

describe('Try the API’s base URL', () => {
  const withPreset = (integration: Integration) =>
    preflightChecks(resolveIntegration(integration, {}), altitudeAngel).map(({ field, message }) => ({
      field,
      message,
    }))

  it('warns when the Token URL moved to another host but the API base URL is still the vendor’s', () => {
    const found = withPreset({
      ...altitudeAngel.integration,
      tokenUrl: 'http://127.0.0.1:4010/oauth/v2/token',
    })
    expect(found).toContainEqual({
      field: 'api.baseUrl',
      message: expect.stringContaining('still points at api.altitudeangel.com'),
    })
  })

  it('stays quiet when both are the vendor’s, or when the API base URL was changed too', () => {
    expect(withPreset(altitudeAngel.integration).some(({ field }) => field === 'api.baseUrl')).toBe(false)
    const moved = {
      ...altitudeAngel.integration,
      tokenUrl: 'http://127.0.0.1:4010/oauth/v2/token',
      api: { ...altitudeAngel.integration.api, baseUrl: 'http://127.0.0.1:4010' },
    }
    expect(withPreset(moved).some(({ field }) => field === 'api.baseUrl')).toBe(false)
  })
})
