import { describe, expect, it } from 'vitest'
import { ERR_INTEGRATION_INVALID } from '../../shared/errorCodes'
import { fieldLabel } from '../../shared/fieldLabels'
import { TOKEN_TYPES } from '../../shared/integration'
import { isSecretPath, secretPathsOf } from '../../shared/secretFields'
import { presets } from '../presets'
import { collectSecrets, withoutSecrets } from '../vault/secretPaths'
import { parseIntegration } from './parse'
import { resolveIntegration } from './resolve'

const tokenExchange = {
  grant: 'token_exchange',
  tokenUrl: 'https://as.example.test/token',
  clientId: 'exchanger',
  clientSecret: 'exchanger-secret',
  tokenExchange: {
    subjectToken: 'subject-token-value-1',
    subjectTokenType: TOKEN_TYPES.access_token,
    actorToken: { env: 'ACTOR_TOKEN' },
    actorTokenType: TOKEN_TYPES.jwt,
    audience: ['https://backend.example.test'],
    resource: ['https://backend.example.test/orders'],
    requestedTokenType: TOKEN_TYPES.access_token,
  },
}

const jwtBearer = {
  grant: 'jwt_bearer',
  tokenUrl: 'https://as.example.test/token',
  jwtBearer: {
    privateKey: '-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIK\n-----END PRIVATE KEY-----',
    algorithm: 'EdDSA',
    issuer: 'service-account-7',
    subject: 'user-42',
    expiresInSeconds: 120,
  },
}

const dpop = {
  grant: 'client_credentials',
  tokenUrl: 'https://as.example.test/token',
  dpop: { enabled: true, algorithm: 'RS256', privateKey: '{"kty":"EC","d":"secret-d"}' },
}

describe('integration format: token exchange, JWT bearer and DPoP', () => {
  it('keeps every preset integration parsing exactly as before', () => {
    for (const preset of presets) expect(parseIntegration(preset.integration)).toEqual(preset.integration)
  })

  it('reads the token exchange, JWT bearer and DPoP blocks', () => {
    expect(parseIntegration(tokenExchange)).toEqual(tokenExchange)
    expect(parseIntegration(jwtBearer)).toEqual(jwtBearer)
    expect(parseIntegration(dpop)).toEqual(dpop)
  })

  it('refuses an unknown DPoP algorithm, naming the field and the choices', () => {
    expect(() => parseIntegration({ ...dpop, dpop: { enabled: true, algorithm: 'HS256' } })).toThrow(
      expect.objectContaining({
        code: ERR_INTEGRATION_INVALID,
        field: 'dpop.algorithm',
        message: expect.stringContaining('"ES256", "RS256", "EdDSA"'),
      }),
    )
  })

  it('suggests the right key for a misspelt token exchange field', () => {
    expect(() => parseIntegration({ ...tokenExchange, tokenExchange: { subjectTokn: 'x' } })).toThrow(
      /Unknown field "tokenExchange.subjectTokn"/,
    )
  })

  it('treats the subject and actor tokens, the assertion, its key and the DPoP key as secrets', () => {
    for (const path of [
      'tokenExchange.subjectToken',
      'tokenExchange.actorToken',
      'jwtBearer.assertion',
      'jwtBearer.privateKey',
      'dpop.privateKey',
    ])
      expect(isSecretPath({}, path)).toBe(true)
    expect(isSecretPath({}, 'tokenExchange.subjectTokenType')).toBe(false)
  })

  it('keeps those secrets out of the saved integration and in the vault', () => {
    const integration = parseIntegration({
      ...tokenExchange,
      tokenExchange: { ...tokenExchange.tokenExchange, actorToken: 'actor-token-value-2' },
      dpop: dpop.dpop,
    })
    const vaulted = collectSecrets(integration)
    expect([...vaulted.keys()]).toEqual(
      expect.arrayContaining(['tokenExchange.subjectToken', 'tokenExchange.actorToken', 'dpop.privateKey']),
    )
    const saved = JSON.stringify(withoutSecrets(integration, vaulted.keys()))
    for (const secret of vaulted.values()) expect(saved).not.toContain(secret)
    expect(saved).toContain(TOKEN_TYPES.access_token)
  })

  it('resolves the blocks, reading environment references and listing every secret for masking', () => {
    const resolved = resolveIntegration(parseIntegration({ ...tokenExchange, dpop: dpop.dpop }), {
      ACTOR_TOKEN: 'actor-from-env-3',
    })
    expect(resolved.tokenExchange).toEqual({
      ...tokenExchange.tokenExchange,
      actorToken: 'actor-from-env-3',
    })
    expect(resolved.dpop).toEqual({ algorithm: 'RS256', privateKey: dpop.dpop.privateKey })
    expect(resolved.secrets).toEqual(
      expect.arrayContaining(['subject-token-value-1', 'actor-from-env-3', dpop.dpop.privateKey]),
    )
  })

  it('leaves DPoP off unless enabled, and defaults its algorithm to ES256', () => {
    expect(resolveIntegration(parseIntegration(tokenExchange), { ACTOR_TOKEN: 'a' }).dpop).toBeUndefined()
    expect(resolveIntegration(parseIntegration({ ...dpop, dpop: { enabled: true } }), {}).dpop).toEqual({
      algorithm: 'ES256',
    })
  })

  it('names the new fields by their visible labels', () => {
    expect(fieldLabel('tokenExchange.subjectToken')).toBe('Subject token')
    expect(fieldLabel('jwtBearer.privateKey')).toBe('Assertion signing key (PEM or JWK)')
    expect(fieldLabel('dpop.algorithm')).toBe('DPoP key algorithm')
    expect(secretPathsOf(parseIntegration(jwtBearer))).toEqual(['jwtBearer.privateKey'])
  })
})
