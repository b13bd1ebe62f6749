import { decodeJwt } from 'jose'
import { describe, expect, it } from 'vitest'
import { createMasker } from '../../http/mask'
import { MASKED } from '../../../shared/secretNames'
import { accessTokenHash } from './proof'
import { dpopRequestHeaders } from './proofHeaders'
import { dpopKeyOf, exportDpopKey, generateDpopKey } from './proofKey'

describe('DPoP request headers', () => {
  it('carries only a proof on a token request', async () => {
    const key = await generateDpopKey()
    const headers = await dpopRequestHeaders({ key, method: 'POST', url: 'https://as.example.test/token' })
    expect(headers.map(([name]) => name)).toEqual(['DPoP'])
    expect(decodeJwt(headers[0]![1])).not.toHaveProperty('ath')
  })

  it('puts the token under the DPoP scheme on a resource call, the proof bound to it', async () => {
    const key = await generateDpopKey()
    const headers = await dpopRequestHeaders({
      key,
      method: 'GET',
      url: 'https://api.example.test/orders',
      accessToken: 'bound-token-1',
      nonce: 'n-1',
    })
    expect(headers[0]).toEqual(['Authorization', 'DPoP bound-token-1'])
    expect(decodeJwt(headers[1]![1])).toMatchObject({ ath: accessTokenHash('bound-token-1'), nonce: 'n-1' })
  })

  it('records the token masked, as every Authorization header is', async () => {
    const key = await generateDpopKey()
    const headers = await dpopRequestHeaders({
      key,
      method: 'GET',
      url: 'https://api.example.test/',
      accessToken: 'bound-token-2',
    })
    const recorded = createMasker(['bound-token-2']).request({
      method: 'GET',
      url: 'https://api.example.test/',
      headers,
      body: null,
    })
    expect(recorded.headers).toContainEqual(['Authorization', `DPoP ${MASKED}`])
  })
})

describe('the integration’s DPoP key', () => {
  it('is made on first use, with the text to keep in the vault', async () => {
    const first = await dpopKeyOf({ algorithm: 'EdDSA' })
    expect(first.key.algorithm).toBe('EdDSA')
    expect(JSON.parse(first.newKeyToKeep!)).toMatchObject({ kty: 'OKP', d: expect.any(String) })
  })

  it('is the kept one afterwards, with nothing new to keep', async () => {
    const kept = await exportDpopKey(await generateDpopKey('ES256'))
    const again = await dpopKeyOf({ algorithm: 'ES256', privateKey: kept })
    expect(again.newKeyToKeep).toBeUndefined()
    expect(await exportDpopKey(again.key)).toBe(kept)
  })
})
