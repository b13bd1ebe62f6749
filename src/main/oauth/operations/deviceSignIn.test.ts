import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Exchange } from '../../../shared/exchange'
import type { Integration } from '../../../shared/integration'
import { oidcClients, startOidcProvider, type OidcTestServer } from '../../sandbox/oidcProvider'
import { approveDeviceCode } from '../../../../tests/servers/oidcUserAgent'
import { createTokenEngine } from '../engine'

let oidc: OidcTestServer
beforeAll(async () => {
  oidc = await startOidcProvider()
})
afterAll(() => oidc.close())

const deviceIntegration = (): Integration => ({
  grant: 'device_code',
  issuer: oidc.issuer,
  clientId: oidcClients.native.clientId,
  clientAuth: 'none',
  scope: ['openid', 'offline_access'],
})

describe('device code grant (RFC 8628) against oidc-provider', () => {
  it('shows a user code, polls while the user approves elsewhere, then gets tokens', async () => {
    const exchanges: Exchange[] = []
    const engine = createTokenEngine({ env: {}, onExchange: ({ exchange }) => exchanges.push(exchange) })
    const started = await engine.startDeviceAuthorization(deviceIntegration())
    expect(started.ok).toBe(true)
    if (!started.ok) return
    const { authorization } = started
    expect(authorization.userCode).toMatch(/\w/)
    expect(authorization.verificationUri).toContain(oidc.issuer)
    // The device code is the app's secret: masked in the record; the user code is for the user.
    expect(JSON.stringify(exchanges)).not.toContain(authorization.deviceCode)
    expect(JSON.stringify(exchanges)).toContain(authorization.userCode)

    const polling = engine.pollDeviceToken(
      deviceIntegration(),
      { ...authorization, intervalSeconds: 0.2 },
      { cacheKey: 'tv' },
    )
    await approveDeviceCode(authorization.verificationUriComplete!)
    const outcome = await polling
    expect(outcome.ok).toBe(true)
    if (!outcome.ok) return
    expect(outcome.token.refresh_token).toBeTruthy()
    expect(exchanges.filter((exchange) => exchange.purpose === 'token')).toHaveLength(1) // pending polls are not kept
    const cached = await engine.getToken(deviceIntegration(), { cacheKey: 'tv' })
    expect(cached.ok && cached.source).toBe('cache')
  })

  it('stops polling when the user cancels', async () => {
    const engine = createTokenEngine({ env: {} })
    const started = await engine.startDeviceAuthorization(deviceIntegration())
    if (!started.ok) throw new Error(started.diagnosis.summary)
    const controller = new AbortController()
    const polling = engine.pollDeviceToken(
      deviceIntegration(),
      { ...started.authorization, intervalSeconds: 5 },
      { signal: controller.signal },
    )
    setTimeout(() => controller.abort(new Error('cancelled by the user')), 100)
    await expect(polling).rejects.toThrow('cancelled by the user')
  })
})
