import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Exchange } from '../../../shared/exchange'
import type { Integration } from '../../../shared/integration'
import { startDpopResource, type DpopResource } from '../../sandbox/dpopResource'
import { OIDC_API_RESOURCE, startOidcProvider, type OidcTestServer } from '../../sandbox/oidcProvider'
import { standardsClients } from '../../sandbox/openidStandards'
import { importDpopKey } from '../dpop/proofKey'
import { boundKeyThumbprint, dpopKeyThumbprint } from '../dpop/thumbprint'
import { createTokenEngine } from '../engine'

let provider: OidcTestServer
let resource: DpopResource
let nonceResource: DpopResource

beforeAll(async () => {
  provider = await startOidcProvider({ standards: true })
  resource = await startDpopResource({ issuer: provider.issuer, audience: OIDC_API_RESOURCE })
  nonceResource = await startDpopResource({
    issuer: provider.issuer,
    audience: OIDC_API_RESOURCE,
    requireNonce: true,
  })
})
afterAll(async () => {
  await Promise.all([provider.close(), resource.close(), nonceResource.close()])
})

const dpopIntegration = (
  client: { clientId: string; clientSecret: string } = standardsClients.dpop,
  overrides: Partial<Integration> = {},
): Integration => ({
  grant: 'client_credentials',
  tokenUrl: provider.tokenUrl,
  clientId: client.clientId,
  clientSecret: client.clientSecret,
  clientAuth: 'basic',
  scope: ['api:read'],
  dpop: { enabled: true },
  ...overrides,
})

function recordingEngine() {
  const exchanges: Exchange[] = []
  const keptKeys: Array<{ cacheKey: string; privateKey: string }> = []
  const engine = createTokenEngine({
    onExchange: ({ exchange }) => exchanges.push(exchange),
    onNewDpopKey: (cacheKey, privateKey) => keptKeys.push({ cacheKey, privateKey }),
  })
  return { engine, exchanges, keptKeys }
}

const header = (exchange: Exchange, name: string) =>
  exchange.request.headers.find(([each]) => each.toLowerCase() === name.toLowerCase())?.[1]

describe('getToken and callApi with DPoP on (RFC 9449)', () => {
  it('gets a DPoP-bound token whose cnf.jkt is the thumbprint the outcome shows', async () => {
    const { engine, exchanges } = recordingEngine()
    const outcome = await engine.getToken(dpopIntegration(), { cacheKey: 'bound' })
    expect(outcome.ok).toBe(true)
    if (!outcome.ok) return
    expect(outcome.token.token_type).toBe('DPoP')
    expect(outcome.dpopKeyThumbprint).toEqual(expect.any(String))
    expect(boundKeyThumbprint(outcome.jwt?.payload)).toBe(outcome.dpopKeyThumbprint)
    expect(header(exchanges[0]!, 'DPoP')).toMatch(/^ey/)
  })

  it('calls the resource with the bound token under the DPoP scheme, masked in the history', async () => {
    const { engine, exchanges } = recordingEngine()
    const integration = dpopIntegration()
    const called = await engine.callApi(
      integration,
      { method: 'GET', url: `${resource.resourceUrl}?page=2` },
      { cacheKey: 'api' },
    )
    expect(called).toMatchObject({ ok: true, status: 200, renewedAfter401: false })
    const token = await engine.getToken(integration, { cacheKey: 'api' })
    expect(token.ok && token.source).toBe('cache')
    expect(token.ok && token.dpopKeyThumbprint).toBe(token.ok && boundKeyThumbprint(token.jwt?.payload))
    expect(JSON.parse(called.body!)).toMatchObject({ client_id: standardsClients.dpop.clientId })
    const apiCall = exchanges.find((each) => each.purpose === 'api')!
    expect(header(apiCall, 'Authorization')).toBe('DPoP ••••••')
    expect(header(apiCall, 'DPoP')).toMatch(/^ey/)
  })

  it('answers the token endpoint’s nonce challenge once: exactly two token requests', async () => {
    const { engine, exchanges } = recordingEngine()
    const outcome = await engine.getToken(dpopIntegration(standardsClients.dpopNonce), { cacheKey: 'n' })
    expect(outcome.ok && outcome.token.token_type).toBe('DPoP')
    const tokenRequests = exchanges.filter((each) => each.purpose === 'token')
    expect(tokenRequests.map((each) => each.response?.status)).toEqual([400, 200])
    // The nonce the provider gave is remembered: the next token request carries it at once.
    const again = await engine.getToken(dpopIntegration(standardsClients.dpopNonce), {
      cacheKey: 'n',
      fresh: true,
    })
    expect(again.ok).toBe(true)
    expect(exchanges.filter((each) => each.purpose === 'token')).toHaveLength(3)
  })

  it('answers a resource’s nonce challenge once', async () => {
    const { engine, exchanges } = recordingEngine()
    const before = nonceResource.answers.length
    const called = await engine.callApi(
      dpopIntegration(),
      { method: 'POST', url: nonceResource.resourceUrl },
      { cacheKey: 'rn' },
    )
    expect(called).toMatchObject({ ok: true, status: 200, renewedAfter401: false })
    expect(nonceResource.answers.slice(before)).toEqual([401, 200])
    expect(called.exchanges).toHaveLength(2)
    // Remembered for that server: the next call is answered at once.
    await engine.callApi(
      dpopIntegration(),
      { method: 'GET', url: nonceResource.resourceUrl },
      { cacheKey: 'rn' },
    )
    expect(nonceResource.answers.slice(before)).toEqual([401, 200, 200])
    expect(exchanges.filter((each) => each.purpose === 'token')).toHaveLength(1)
  })

  it('keeps the key it made once, and a fresh token is bound to the same key', async () => {
    const { engine, keptKeys } = recordingEngine()
    const first = await engine.getToken(dpopIntegration(), { cacheKey: 'kept' })
    const second = await engine.getToken(dpopIntegration(), { cacheKey: 'kept', fresh: true })
    expect(first.ok && second.ok).toBe(true)
    if (!first.ok || !second.ok) return
    expect(second.source).toBe('network')
    expect(second.token.access_token).not.toBe(first.token.access_token)
    expect(keptKeys).toHaveLength(1)
    expect(keptKeys[0]!.cacheKey).toBe('kept')
    expect(second.dpopKeyThumbprint).toBe(first.dpopKeyThumbprint)
    expect(await dpopKeyThumbprint(await importDpopKey(keptKeys[0]!.privateKey))).toBe(
      first.dpopKeyThumbprint,
    )
  })

  it('uses the kept key it is given, and makes none', async () => {
    const { engine: maker, keptKeys } = recordingEngine()
    const made = await maker.getToken(dpopIntegration(), { cacheKey: 'given' })
    const { engine, keptKeys: none } = recordingEngine()
    const outcome = await engine.getToken(
      dpopIntegration(standardsClients.dpop, {
        dpop: { enabled: true, privateKey: keptKeys[0]!.privateKey },
      }),
      { cacheKey: 'given' },
    )
    expect(outcome.ok && outcome.dpopKeyThumbprint).toBe(made.ok && made.dpopKeyThumbprint)
    expect(none).toHaveLength(0)
  })

  it('says what is missing before making a key for an incomplete integration', async () => {
    const { engine, keptKeys, exchanges } = recordingEngine()
    await expect(
      engine.getToken(dpopIntegration(standardsClients.dpop, { tokenUrl: undefined }), { cacheKey: 'x' }),
    ).rejects.toThrow(/^Still needed before a token can be requested: Token URL/)
    expect(keptKeys).toHaveLength(0)
    expect(exchanges).toHaveLength(0)
  })
})
