import { describe, expect, it } from 'vitest'
import { ERR_INTEGRATION_INVALID } from '../../shared/errorCodes'
import type { Integration } from '../../shared/integration'
import { parseIntegration } from '../integration/parse'
import { collectSecrets, readPath, secretAt, withoutSecrets, withSecrets } from './secretPaths'

describe('paths into an integration touch its own data only', () => {
  it('refuses secretFields that point outside the integration, naming the field', () => {
    for (const path of ['constructor.name', '__proto__.polluted', 'grant.prototype', 'nothing']) {
      expect(() => parseIntegration({ grant: 'client_credentials', secretFields: [path] })).toThrow(
        expect.objectContaining({
          code: ERR_INTEGRATION_INVALID,
          field: 'secretFields.0',
          message: expect.stringContaining(`"${path}" is not a field that can hold a secret`),
        }),
      )
    }
  })

  it('refuses header and parameter names that would reach a prototype', () => {
    expect(() =>
      parseIntegration({ grant: 'client_credentials', tokenRequest: { params: { constructor: 'x' } } }),
    ).toThrow(expect.objectContaining({ field: 'tokenRequest.params.constructor' }))
  })

  it('leaves main-process globals alone when an unchecked integration names them', () => {
    const hostile = { grant: 'client_credentials', secretFields: ['constructor.name'] } as Integration
    const name = Object.name
    expect(collectSecrets(hostile).size).toBe(0)
    expect(() => withoutSecrets(hostile, ['constructor.name'])).toThrow(
      expect.objectContaining({ code: ERR_INTEGRATION_INVALID, field: 'secretFields' }),
    )
    expect(() => withSecrets(hostile, [['__proto__.polluted', 'yes']])).toThrow()
    expect(Object.name).toBe(name)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  it('reads nothing inherited', () => {
    const integration = { grant: 'client_credentials' } as Integration
    expect(readPath(integration, 'constructor')).toBeUndefined()
    expect(readPath(integration, 'toString')).toBeUndefined()
    expect(readPath(integration, 'tokenRequest.params.hasOwnProperty')).toBeUndefined()
  })

  it('reveals only text kept at a secret path', () => {
    const vault = JSON.parse('{"clientSecret":"s3cret","__proto__":"x","basicAuth.password":42}') as Record<
      string,
      unknown
    >
    expect(secretAt(vault, 'clientSecret')).toBe('s3cret')
    expect(secretAt(vault, 'constructor')).toBeUndefined()
    expect(secretAt(vault, '__proto__')).toBeUndefined()
    expect(secretAt(vault, 'basicAuth.password')).toBeUndefined()
  })

  it('puts a secret back into a map whose entry name is unusual but harmless', () => {
    const integration = parseIntegration({ grant: 'client_credentials', tokenRequest: {} })
    const filled = withSecrets(integration, [['tokenRequest.params.x.y', 'v']])
    expect(filled.tokenRequest?.params).toEqual({ 'x.y': 'v' })
  })
})
