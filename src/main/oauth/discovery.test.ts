import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, describe, expect, it } from 'vitest'
import { ERR_DISCOVERY_FAILED } from '../../shared/errorCodes'
import { nodeTransport } from '../http/transport'
import { verifyToken } from '../jwt/verify'
import { fetchProviderMetadata, MAX_DISCOVERY_REDIRECTS } from './discovery'

const servers: Server[] = []
afterAll(async () => {
  for (const server of servers) {
    server.closeAllConnections()
    await new Promise((resolve) => server.close(resolve))
  }
})

async function serve(handler: (request: IncomingMessage, response: ServerResponse, origin: string) => void) {
  let origin = ''
  const server = createServer((request, response) => handler(request, response, origin))
  servers.push(server)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return origin
}

/** Writes "{"a":"xxxx… for as long as the client reads: an answer without end. */
function endless(response: ServerResponse): void {
  response.writeHead(200, { 'Content-Type': 'application/json' })
  response.write('{"issuer":"')
  const chunk = 'x'.repeat(64 * 1024)
  const pump = () => {
    while (!response.destroyed && response.write(chunk));
    if (!response.destroyed) response.once('drain', pump)
  }
  pump()
}

const discover = (issuer: string) =>
  fetchProviderMetadata(nodeTransport, issuer, { timeoutMs: 10_000, now: Date.now })

describe('fetchProviderMetadata', () => {
  it('follows a same-origin 301 to a trailing slash, then checks the issuer', async () => {
    const seen: string[] = []
    const issuer = await serve((request, response, origin) => {
      seen.push(request.url!)
      if (request.url === '/.well-known/openid-configuration') {
        response.writeHead(301, { Location: '/.well-known/openid-configuration/' }).end()
        return
      }
      response
        .writeHead(200, { 'Content-Type': 'application/json' })
        .end(JSON.stringify({ issuer: origin, token_endpoint: `${origin}/token` }))
    })
    const { metadata, exchange } = await discover(issuer)
    expect(metadata.token_endpoint).toBe(`${issuer}/token`)
    expect(seen).toEqual(['/.well-known/openid-configuration', '/.well-known/openid-configuration/'])
    expect(exchange.request.url).toBe(`${issuer}/.well-known/openid-configuration/`)
  })

  it('still refuses metadata naming another issuer after a redirect', async () => {
    const issuer = await serve((request, response) => {
      if (!request.url!.endsWith('/'))
        return void response.writeHead(308, { Location: `${request.url}/` }).end()
      response.writeHead(200).end(JSON.stringify({ issuer: 'https://someone-else.test' }))
    })
    await expect(discover(issuer)).rejects.toMatchObject({
      code: ERR_DISCOVERY_FAILED,
      message: expect.stringContaining('names issuer "https://someone-else.test"'),
    })
  })

  it('refuses a redirect to another origin and says the document must come from the issuer', async () => {
    const elsewhere = await serve((_request, response) => response.writeHead(200).end('{}'))
    const issuer = await serve((_request, response) =>
      response.writeHead(302, { Location: `${elsewhere}/.well-known/openid-configuration` }).end(),
    )
    await expect(discover(issuer)).rejects.toMatchObject({
      code: ERR_DISCOVERY_FAILED,
      message: `${issuer}/.well-known/openid-configuration redirected to another site (${elsewhere}); TokenDesk reads the discovery document only from the issuer’s own origin. Use the issuer URL the provider states.`,
    })
  })

  it(`stops after ${MAX_DISCOVERY_REDIRECTS} redirects`, async () => {
    let requests = 0
    const issuer = await serve((request, response) => {
      requests++
      response.writeHead(301, { Location: `${request.url}x` }).end()
    })
    await expect(discover(issuer)).rejects.toMatchObject({
      message: expect.stringContaining(`redirected more than ${MAX_DISCOVERY_REDIRECTS} times`),
    })
    expect(requests).toBe(MAX_DISCOVERY_REDIRECTS + 1)
  })

  it('stops reading an endless discovery document at the size cap and says so', async () => {
    const issuer = await serve((_request, response) => endless(response))
    await expect(discover(issuer)).rejects.toMatchObject({
      code: ERR_DISCOVERY_FAILED,
      message: `Could not reach ${issuer}/.well-known/openid-configuration: The response was larger than TokenDesk’s size cap of 1 MiB, so it stopped reading.`,
    })
  })

  it('shortens a very long issuer it quotes', async () => {
    const issuer = await serve((_request, response) =>
      response.writeHead(200).end(JSON.stringify({ issuer: `https://idp.test/${'a'.repeat(5000)}` })),
    )
    const error = await discover(issuer).catch((caught: Error) => caught)
    expect((error as Error).message).toContain('…')
    expect((error as Error).message.length).toBeLessThan(600)
  })
})

describe('the key set of a token, by discovery or JWKS URL', () => {
  // A well-formed RS256 token shape; its signature never gets checked, the key set never arrives.
  const token = [
    Buffer.from(JSON.stringify({ alg: 'RS256', kid: 'k1' })).toString('base64url'),
    Buffer.from(JSON.stringify({ sub: 'someone' })).toString('base64url'),
    'c2lnbmF0dXJl',
  ].join('.')

  it('refuses an endless JWKS with a plain message instead of reading it all', async () => {
    const origin = await serve((_request, response) => endless(response))
    const result = await verifyToken(token, { kind: 'jwks', url: `${origin}/jwks` }, undefined, {})
    expect(result.valid).toBe(false)
    expect(result.reason).toBe(
      `Could not reach the JWKS at ${origin}/jwks: The response was larger than TokenDesk’s size cap of 1 MiB, so it stopped reading.`,
    )
  })

  it('refuses an endless discovery document while looking for jwks_uri', async () => {
    const issuer = await serve((_request, response) => endless(response))
    const result = await verifyToken(token, { kind: 'issuer', issuer }, undefined, {})
    expect(result.reason).toBe(
      `Could not reach the issuer’s discovery document at ${issuer}/.well-known/openid-configuration: The response was larger than TokenDesk’s size cap of 1 MiB, so it stopped reading.`,
    )
  })

  it('quotes a very long jwks_uri shortened, never in full', async () => {
    const long = `/jwks/${'k'.repeat(10_000)}`
    const issuer = await serve((request, response, origin) => {
      if (request.url!.startsWith('/.well-known/'))
        return void response
          .writeHead(200)
          .end(JSON.stringify({ issuer: origin, jwks_uri: `${origin}${long}` }))
      response.writeHead(404).end()
    })
    const result = await verifyToken(token, { kind: 'issuer', issuer }, undefined, {})
    expect(result.valid).toBe(false)
    expect(result.reason).toContain('…')
    expect(JSON.stringify(result)).not.toContain('k'.repeat(300))
  })
})
