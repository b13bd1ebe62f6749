import { describe, expect, it } from 'vitest'
import { keySourceChecks } from './keySource'

const PLAIN_HTTP = {
  id: 'key-source',
  ok: false,
  message:
    'The keys were fetched over plain http://: anyone on the network path could have replaced them, so “valid” proves less. Use https://.',
}

describe('keySourceChecks', () => {
  it('warns when a JWKS URL or an issuer on another machine uses plain http', () => {
    expect(keySourceChecks({ kind: 'jwks', url: 'http://idp.example.com/jwks' })).toEqual([PLAIN_HTTP])
    expect(keySourceChecks({ kind: 'issuer', issuer: 'http://idp.example.com' })).toEqual([PLAIN_HTTP])
  })

  it('says nothing for https', () => {
    expect(keySourceChecks({ kind: 'jwks', url: 'https://idp.example.com/jwks' })).toEqual([])
  })

  it('says nothing for plain http on this machine', () => {
    for (const host of ['127.0.0.1:8080', 'localhost:3000', '[::1]']) {
      expect(keySourceChecks({ kind: 'jwks', url: `http://${host}/jwks` })).toEqual([])
    }
  })

  it('says nothing for keys pasted in, or for an address that is not a URL', () => {
    expect(keySourceChecks({ kind: 'pem', text: '-----BEGIN PUBLIC KEY-----' })).toEqual([])
    expect(keySourceChecks({ kind: 'hmac', secret: 'http://not-a-key-source' })).toEqual([])
    expect(keySourceChecks({ kind: 'jwks', url: 'idp.example.com/jwks' })).toEqual([])
  })
})
