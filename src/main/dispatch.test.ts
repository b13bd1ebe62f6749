import { describe, expect, it } from 'vitest'
import { ERR_INTERNAL, ERR_INVALID_INPUT, ERR_JWT_MALFORMED, ERR_UNKNOWN_CALL } from '../shared/errorCodes'
import { dispatchCall } from './dispatch'
import { createHandlers, type Handlers } from './handlers'
import { createServices } from './services'
import { nodePlatform } from '../../tests/support/nodePlatform'

const handlers = createHandlers({
  appVersion: '1.2.3',
  platform: 'linux',
  services: createServices(nodePlatform().platform),
})

describe('dispatchCall', () => {
  it('runs the handler and wraps its value', async () => {
    expect(await dispatchCall(handlers, 'app.info', {})).toEqual({
      ok: true,
      value: { name: 'TokenDesk', version: '1.2.3', platform: 'linux' },
    })
  })

  it('refuses calls that are not in the contract', async () => {
    const result = await dispatchCall(handlers, 'shell.exec', { command: 'rm -rf /' })
    expect(result).toMatchObject({ ok: false, error: { code: ERR_UNKNOWN_CALL } })
  })

  it('validates input with the contract schema and names the field', async () => {
    const result = await dispatchCall(handlers, 'jwt.decode', { token: 42 })
    expect(result).toMatchObject({ ok: false, error: { code: ERR_INVALID_INPUT, field: 'token' } })
    const extra = await dispatchCall(handlers, 'jwt.decode', { token: 'a', evil: true })
    expect(extra).toMatchObject({ ok: false, error: { code: ERR_INVALID_INPUT } })
  })

  it('turns typed errors into data with their code', async () => {
    const result = await dispatchCall(handlers, 'jwt.decode', { token: 'not-a-jwt' })
    expect(result).toMatchObject({ ok: false, error: { code: ERR_JWT_MALFORMED, field: 'token' } })
  })

  it('hides unexpected errors behind ERR_INTERNAL and logs no input', async () => {
    const logged: string[] = []
    const broken: Handlers = {
      ...handlers,
      'jwt.decode': () => {
        throw new Error('boom with secret s3cr3t')
      },
    }
    const result = await dispatchCall(broken, 'jwt.decode', { token: 's3cr3t' }, (line) => logged.push(line))
    expect(result).toMatchObject({ ok: false, error: { code: ERR_INTERNAL } })
    expect(JSON.stringify(result)).not.toContain('s3cr3t')
    expect(logged.join('\n')).not.toContain('s3cr3t')
  })
})
