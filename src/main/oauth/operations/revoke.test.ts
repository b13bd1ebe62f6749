import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Exchange } from '../../../shared/exchange'
import type { Integration } from '../../../shared/integration'
import { oidcClients, startOidcProvider, type OidcTestServer } from '../../sandbox/oidcProvider'
import { approveDeviceCode } from '../../../../tests/servers/oidcUserAgent'
import { formBody } from '../../http/formEncoding'
import { createTokenEngine } from '../engine'

let oidc: OidcTestServer
beforeAll(async () => {
  oidc = await startOidcProvider()
})
afterAll(() => oidc.close())

/** client_credentials without API scopes: oidc-provider issues an opaque token it can introspect and revoke. */
const machine = (): Integration => ({
  grant: 'client_credentials',
  issuer: oidc.issuer,
  clientId: oidcClients.machine.clientId,
  clientSecret: oidcClients.machine.clientSecret,
  clientAuth: 'basic',
})

/** What the provider itself says of a token (RFC 7662), asked by the client that holds it. */
async function providerSays(token: string): Promise<{ active: boolean }> {
  const metadata = (await (await fetch(`${oidc.issuer}/.well-known/openid-configuration`)).json()) as {
    introspection_endpoint: string
  }
  const basic = Buffer.from(
    `${encodeURIComponent(oidcClients.machine.clientId)}:${encodeURIComponent(oidcClients.machine.clientSecret)}`,
  ).toString('base64')
  const answer = await fetch(metadata.introspection_endpoint, {
    method: 'POST',
    headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: formBody([['token', token]]),
  })
  return (await answer.json()) as { active: boolean }
}

describe('revoke (RFC 7009) against oidc-provider', () => {
  it('revokes the access token: introspection then says inactive, and the cache forgets it', async () => {
    const exchanges: Exchange[] = []
    const engine = createTokenEngine({ env: {}, onExchange: ({ exchange }) => exchanges.push(exchange) })
    const first = await engine.getToken(machine(), { cacheKey: 'm' })
    if (!first.ok) throw new Error(first.diagnosis.summary)
    expect(await providerSays(first.token.access_token)).toMatchObject({ active: true })
    const introspected = await engine.describeToken(machine(), 'introspection', { cacheKey: 'm' })
    expect(introspected.claims).toMatchObject({ active: true })

    const revoked = await engine.revoke(machine(), { cacheKey: 'm', which: 'access' })
    expect(revoked).toMatchObject({ ok: true, revoked: ['access'], notHeld: [] })
    expect(await providerSays(first.token.access_token)).toEqual({ active: false })
    expect(engine.cache.get('m')).toBeUndefined()
    // The token sent is masked in the record, like every token.
    const sent = exchanges.find((exchange) => exchange.purpose === 'revocation')!
    expect(sent.request.url).toBe(`${oidc.issuer}/token/revocation`)
    expect(JSON.stringify(sent)).not.toContain(first.token.access_token)
    expect(sent.request.body).toContain('token_type_hint=access_token')

    const next = await engine.getToken(machine(), { cacheKey: 'm' })
    expect(next.ok && next.source).toBe('network')
  })

  it('revokes the refresh token: the vendor refuses it afterwards and TokenDesk never sends it again', async () => {
    const device: Integration = {
      grant: 'device_code',
      issuer: oidc.issuer,
      clientId: oidcClients.native.clientId,
      clientAuth: 'none',
      scope: ['openid', 'offline_access'],
    }
    let clock = Date.now()
    const engine = createTokenEngine({ env: {}, now: () => clock })
    const started = await engine.startDeviceAuthorization(device)
    if (!started.ok) throw new Error(started.diagnosis.summary)
    const polling = engine.pollDeviceToken(
      device,
      { ...started.authorization, intervalSeconds: 0.2 },
      { cacheKey: 'tv' },
    )
    await approveDeviceCode(started.authorization.verificationUriComplete!)
    const signedIn = await polling
    if (!signedIn.ok) throw new Error(signedIn.diagnosis.summary)
    const refreshToken = signedIn.token.refresh_token!
    expect(refreshToken).toBeTruthy()

    const revoked = await engine.revoke(device, { cacheKey: 'tv', which: 'both' })
    expect(revoked).toMatchObject({ ok: true, revoked: ['refresh', 'access'] })
    expect(engine.cache.kept('tv').refreshTokens.current).toBeUndefined()
    expect(engine.cache.fateOf('tv', refreshToken)).toMatchObject({ fate: 'revoked' })

    // The vendor's own word: the revoked refresh token no longer renews.
    const refused = await engine.getToken({ ...device, grant: 'refresh_token', refreshToken }, {})
    expect(refused.ok).toBe(false)
    if (!refused.ok) expect(refused.diagnosis.error).toBe('invalid_grant')
    // Nothing left to revoke: said, and nothing sent.
    clock += 1000
    const again = await engine.revoke(device, { cacheKey: 'tv', which: 'both' })
    expect(again).toMatchObject({ ok: true, revoked: [], notHeld: ['refresh', 'access'], exchanges: [] })
  })

  it('forgets nothing when the vendor refuses the revocation, and explains the refusal', async () => {
    const engine = createTokenEngine({ env: {} })
    const kept = await engine.getToken(machine(), { cacheKey: 'r' })
    if (!kept.ok) throw new Error(kept.diagnosis.summary)
    const refused = await engine.revoke(
      { ...machine(), clientSecret: 'not-the-secret' },
      { cacheKey: 'r', which: 'access' },
    )
    expect(refused.ok).toBe(false)
    expect(refused.revoked).toEqual([])
    expect(refused.diagnosis).toMatchObject({ status: 401, error: 'invalid_client' })
    expect(refused.exchanges).toHaveLength(1)
    expect(engine.cache.get('r')?.token.access_token).toBe(kept.token.access_token)
    expect(await providerSays(kept.token.access_token)).toMatchObject({ active: true })
  })

  it('names the Revocation URL when neither the integration nor discovery has one', async () => {
    const engine = createTokenEngine({ env: {} })
    const integration: Integration = { ...machine(), issuer: undefined, tokenUrl: oidc.tokenUrl }
    await engine.getToken(integration, { cacheKey: 'x' })
    await expect(engine.revoke(integration, { cacheKey: 'x', which: 'access' })).rejects.toMatchObject({
      field: 'revocationUrl',
      message: expect.stringContaining('Revocation URL'),
    })
  })
})
