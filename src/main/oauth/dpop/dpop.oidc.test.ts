import { decodeJwt } from 'jose'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DPOP_ALGORITHMS } from '../../../shared/integration'
import { startDpopResource, type DpopResource } from '../../sandbox/dpopResource'
import { OIDC_API_RESOURCE, startOidcProvider, type OidcTestServer } from '../../sandbox/oidcProvider'
import { standardsClients } from '../../sandbox/openidStandards'
import { diagnoseFor } from '../../diagnose/test/recordedExchange'
import { readDpopNonceChallenge } from './nonceChallenge'
import { createDpopProof } from './proof'
import { generateDpopKey, type DpopKey } from './proofKey'
import { boundKeyThumbprint, dpopKeyThumbprint } from './thumbprint'

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

const basic = ({ clientId, clientSecret }: { clientId: string; clientSecret: string }) =>
  `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`

/** A client_credentials token request with a fresh proof, sent with fetch. */
async function tokenRequest(
  key: DpopKey,
  client: { clientId: string; clientSecret: string },
  nonce?: string,
) {
  const response = await fetch(provider.tokenUrl, {
    method: 'POST',
    headers: {
      authorization: basic(client),
      'content-type': 'application/x-www-form-urlencoded',
      dpop: await createDpopProof({ key, htm: 'POST', htu: provider.tokenUrl, nonce }),
    },
    body: new URLSearchParams({ grant_type: 'client_credentials', scope: 'api:read' }),
  })
  return { response, body: (await response.json()) as Record<string, unknown> }
}

async function boundToken(key: DpopKey): Promise<string> {
  const { response, body } = await tokenRequest(key, standardsClients.dpop)
  expect(response.status).toBe(200)
  return String(body.access_token)
}

/** What the transport would record of a fetch: status, headers, body, and what was sent. */
async function asRecorded(
  url: string,
  init: { method: string; headers: Record<string, string> },
  response: Response,
  secrets: string[],
) {
  return {
    url,
    method: init.method,
    purpose: 'api' as const,
    requestHeaders: Object.entries(init.headers),
    status: response.status,
    headers: [...response.headers] as Array<[string, string]>,
    body: await response.text(),
    secrets,
  }
}

describe('DPoP against oidc-provider and a resource that checks proofs', () => {
  it.each(DPOP_ALGORITHMS)(
    'gets a DPoP-bound token for a %s key: token_type DPoP, cnf.jkt = the key’s thumbprint',
    async (alg) => {
      const key = await generateDpopKey(alg)
      const { response, body } = await tokenRequest(key, standardsClients.dpop)
      expect(response.status).toBe(200)
      expect(body.token_type).toBe('DPoP')
      expect(boundKeyThumbprint(decodeJwt(String(body.access_token)))).toBe(await dpopKeyThumbprint(key))
    },
  )

  it('calls the resource with the bound token and a proof carrying its hash', async () => {
    const key = await generateDpopKey()
    const token = await boundToken(key)
    const response = await fetch(`${resource.resourceUrl}?page=2`, {
      headers: {
        authorization: `DPoP ${token}`,
        dpop: await createDpopProof({
          key,
          htm: 'GET',
          htu: `${resource.resourceUrl}?page=2`,
          accessToken: token,
        }),
      },
    })
    expect(response.status).toBe(200)
    expect(await response.json()).toMatchObject({
      client_id: standardsClients.dpop.clientId,
      jkt: await dpopKeyThumbprint(key),
    })
  })

  it('refuses a replayed proof, and the diagnosis says a proof is good for one request', async () => {
    const key = await generateDpopKey()
    const token = await boundToken(key)
    const init = {
      method: 'GET',
      headers: {
        authorization: `DPoP ${token}`,
        dpop: await createDpopProof({ key, htm: 'GET', htu: resource.resourceUrl, accessToken: token }),
      },
    }
    expect((await fetch(resource.resourceUrl, init)).status).toBe(200)
    const replayed = await fetch(resource.resourceUrl, init)
    expect(replayed.status).toBe(401)
    expect(replayed.headers.get('www-authenticate')).toMatch(/^DPoP error="invalid_dpop_proof"/)
    const { diagnosis, hint } = diagnoseFor(await asRecorded(resource.resourceUrl, init, replayed, [token]), {
      purpose: 'api',
    })
    expect(diagnosis.error).toBe('invalid_dpop_proof')
    expect(hint('dpop-proof-refused').message).toMatch(/has seen this proof before \(jti\)/)
  })

  it('refuses a proof made for another URL, and the diagnosis points at the API base URL', async () => {
    const key = await generateDpopKey()
    const token = await boundToken(key)
    const init = {
      method: 'GET',
      headers: {
        authorization: `DPoP ${token}`,
        dpop: await createDpopProof({
          key,
          htm: 'GET',
          htu: `${resource.url}/elsewhere`,
          accessToken: token,
        }),
      },
    }
    const refused = await fetch(resource.resourceUrl, init)
    expect(refused.status).toBe(401)
    const { hint } = diagnoseFor(await asRecorded(resource.resourceUrl, init, refused, [token]), {
      purpose: 'api',
    })
    expect(hint('dpop-proof-refused')).toMatchObject({
      message: expect.stringContaining('names another URL than the one the server received (htu)'),
      field: 'api.baseUrl',
    })
  })

  it('refuses the bound token with a proof from another key', async () => {
    const token = await boundToken(await generateDpopKey())
    const other = await generateDpopKey()
    const refused = await fetch(resource.resourceUrl, {
      headers: {
        authorization: `DPoP ${token}`,
        dpop: await createDpopProof({
          key: other,
          htm: 'GET',
          htu: resource.resourceUrl,
          accessToken: token,
        }),
      },
    })
    expect(refused.status).toBe(401)
    expect(refused.headers.get('www-authenticate')).toMatch(/error="invalid_token"/)
  })

  it('answers the token endpoint’s nonce challenge once', async () => {
    const key = await generateDpopKey()
    const first = await tokenRequest(key, standardsClients.dpopNonce)
    expect(first.response.status).toBe(400)
    expect(first.body.error).toBe('use_dpop_nonce')
    const nonce = readDpopNonceChallenge({
      status: first.response.status,
      headers: [...first.response.headers],
      body: JSON.stringify(first.body),
    })
    expect(nonce).toEqual(expect.any(String))
    const { hint } = diagnoseFor({
      url: provider.tokenUrl,
      status: 400,
      headers: [...first.response.headers],
      body: first.body,
    })
    expect(hint('dpop-nonce').message).toMatch(/^Not a mistake in the integration/)

    const retry = await tokenRequest(key, standardsClients.dpopNonce, nonce)
    expect(retry.response.status).toBe(200)
    expect(retry.body.token_type).toBe('DPoP')
  })

  it('answers a resource’s nonce challenge once', async () => {
    const key = await generateDpopKey()
    const token = await boundToken(key)
    const call = async (nonce?: string) =>
      fetch(nonceResource.resourceUrl, {
        method: 'POST',
        headers: {
          authorization: `DPoP ${token}`,
          dpop: await createDpopProof({
            key,
            htm: 'POST',
            htu: nonceResource.resourceUrl,
            accessToken: token,
            nonce,
          }),
        },
      })
    const challenged = await call()
    const nonce = readDpopNonceChallenge({
      status: challenged.status,
      headers: [...challenged.headers],
      body: await challenged.text(),
    })
    expect(nonce).toBe(nonceResource.nonce)
    expect((await call(nonce)).status).toBe(200)
    expect(nonceResource.answers).toEqual([401, 200])
  })

  it('tells to turn on DPoP when the bound token is sent as Bearer', async () => {
    const token = await boundToken(await generateDpopKey())
    const init = { method: 'GET', headers: { authorization: `Bearer ${token}` } }
    const refused = await fetch(resource.resourceUrl, init)
    expect(refused.status).toBe(401)
    const { hint } = diagnoseFor(await asRecorded(resource.resourceUrl, init, refused, [token]), {
      purpose: 'api',
    })
    expect(hint('dpop-required').field).toBe('dpop.enabled')
  })
})
