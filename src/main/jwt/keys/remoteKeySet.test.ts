import { createServer, type RequestListener } from 'node:http'
import type { AddressInfo } from 'node:net'
import { compactVerify, exportJWK, generateKeyPair, SignJWT, type JSONWebKeySet } from 'jose'
import { describe, expect, it } from 'vitest'
import { createNodeTransport, type Transport } from '../../http/transport'
import { KeyProblem } from './keyProblem'
import { remoteKeySetCandidates } from './remoteKeySet'
import { MAX_CACHED_KEY_SETS } from './remoteKeySetCache'

const TIMEOUT_MS = 10_000

async function serve(listener: RequestListener) {
  const server = createServer(listener)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => {
      server.closeAllConnections()
      return new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

async function signingKey(kid: string) {
  const { publicKey, privateKey } = await generateKeyPair('ES256', { extractable: true })
  const token = await new SignJWT({ sub: 'alice' }).setProtectedHeader({ alg: 'ES256', kid }).sign(privateKey)
  return { token, jwks: { keys: [{ ...(await exportJWK(publicKey)), kid, alg: 'ES256' }] } }
}

/** A JWKS endpoint that counts the requests it answers, answering `answer()` each time. */
async function countingJwks(answer: () => { status: number; body: JSONWebKeySet | string }) {
  let requests = 0
  const server = await serve((_req, res) => {
    requests++
    const { status, body } = answer()
    res.writeHead(status, { 'content-type': 'application/json' })
    res.end(typeof body === 'string' ? body : JSON.stringify(body))
  })
  return { ...server, requests: () => requests }
}

const header = { alg: 'ES256', kid: 'k1' }

async function checks(token: string, url: string, transport: Transport): Promise<boolean> {
  const [candidate] = await remoteKeySetCandidates(url, header, TIMEOUT_MS, 'the JWKS', transport)
  return compactVerify(token, candidate!.key).then(
    () => true,
    () => false,
  )
}

describe('remoteKeySetCandidates', () => {
  it('fetches a JWKS once for many tokens checked against it', async () => {
    const { token, jwks } = await signingKey('k1')
    const endpoint = await countingJwks(() => ({ status: 200, body: jwks }))
    const transport = createNodeTransport({ env: {} })
    try {
      for (let index = 0; index < 5; index++) {
        expect(await checks(token, `${endpoint.url}/jwks`, transport)).toBe(true)
      }
      await Promise.all(Array.from({ length: 5 }, () => checks(token, `${endpoint.url}/jwks`, transport)))
      expect(endpoint.requests()).toBe(1)
    } finally {
      await endpoint.close()
    }
  })

  it('does not keep a failed fetch: once the endpoint answers, the next check uses its keys', async () => {
    const { token, jwks } = await signingKey('k1')
    let broken = true
    const endpoint = await countingJwks(() =>
      broken ? { status: 503, body: 'busy' } : { status: 200, body: jwks },
    )
    const transport = createNodeTransport({ env: {} })
    try {
      const failed = remoteKeySetCandidates(`${endpoint.url}/jwks`, header, TIMEOUT_MS, 'the JWKS', transport)
      await expect(failed).rejects.toThrow(KeyProblem)
      await expect(failed).rejects.toThrow(`${endpoint.url}/jwks answered HTTP 503.`)
      broken = false
      expect(await checks(token, `${endpoint.url}/jwks`, transport)).toBe(true)
      expect(endpoint.requests()).toBe(2)
    } finally {
      await endpoint.close()
    }
  })

  it('fetches again through another transport, which may go through another proxy', async () => {
    const { token, jwks } = await signingKey('k1')
    const endpoint = await countingJwks(() => ({ status: 200, body: jwks }))
    try {
      expect(await checks(token, `${endpoint.url}/jwks`, createNodeTransport({ env: {} }))).toBe(true)
      expect(await checks(token, `${endpoint.url}/jwks`, createNodeTransport({ env: {} }))).toBe(true)
      expect(endpoint.requests()).toBe(2)
    } finally {
      await endpoint.close()
    }
  })

  it(`keeps at most ${MAX_CACHED_KEY_SETS} key sets, dropping the least recently used`, async () => {
    const { token, jwks } = await signingKey('k1')
    const endpoint = await countingJwks(() => ({ status: 200, body: jwks }))
    const transport = createNodeTransport({ env: {} })
    try {
      for (let index = 0; index <= MAX_CACHED_KEY_SETS; index++) {
        expect(await checks(token, `${endpoint.url}/jwks/${index}`, transport)).toBe(true)
      }
      expect(endpoint.requests()).toBe(MAX_CACHED_KEY_SETS + 1)
      // The newest is still kept; the first one was dropped when the last one came in.
      expect(await checks(token, `${endpoint.url}/jwks/${MAX_CACHED_KEY_SETS}`, transport)).toBe(true)
      expect(endpoint.requests()).toBe(MAX_CACHED_KEY_SETS + 1)
      expect(await checks(token, `${endpoint.url}/jwks/0`, transport)).toBe(true)
      expect(endpoint.requests()).toBe(MAX_CACHED_KEY_SETS + 2)
    } finally {
      await endpoint.close()
    }
  })
})
