import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { importFiles, importIntegrations } from './index'

const fileName = 'acme-billing.postman_collection.json'
const sample = readFileSync(new URL(`./samples/${fileName}`, import.meta.url), 'utf8')

function collection(auth: Array<{ key: string; value: unknown }>, variable: unknown[] = []): string {
  return JSON.stringify({
    info: {
      name: 'Shop',
      schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json',
    },
    item: [
      {
        name: 'Orders',
        request: {
          method: 'GET',
          url: 'https://api.shop.example/orders',
          auth: { type: 'oauth2', oauth2: auth },
        },
      },
    ],
    variable,
  })
}

describe('Postman Collection v2.1', () => {
  const result = importIntegrations({ fileName, text: sample })

  it('imports the collection-level client credentials keeping {{name}} for its collection variables', () => {
    expect(result.format).toBe('postman')
    expect(result.integrations[0]).toEqual({
      format: 'tokendesk.integration/1',
      name: 'Acme Billing API',
      grant: 'client_credentials',
      tokenUrl: '{{auth_host}}/oauth2/token',
      clientId: '{{client_id}}',
      clientSecret: '{{client_secret}}',
      clientAuth: 'body',
      scope: ['invoices.read', 'invoices.write'],
      tokenRequest: {
        headers: { 'X-Acme-Tenant': '{{tenant}}' },
        params: { audience: 'https://billing.acme.example' },
      },
      api: { tokenPlacement: 'header' },
    })
  })

  it('carries the collection variables as an environment, the secret one marked secret', () => {
    expect(result.environments).toEqual([
      {
        name: 'Acme Billing API variables',
        variables: [
          { name: 'base_url', value: 'https://api.acme.example', secret: false },
          { name: 'auth_host', value: 'https://login.acme.example', secret: false },
          { name: 'client_id', value: 'billing-sync', secret: false },
          { name: 'client_secret', value: 's3cr3t+/=&billing', secret: true },
          { name: 'tenant', value: 'acme-eu', secret: false },
        ],
      },
    ])
  })

  it('imports the nested request with authorization_code_with_pkce as authorization code with PKCE, in its folder', () => {
    expect(result.integrations[1]).toEqual({
      format: 'tokendesk.integration/1',
      name: 'Get my profile',
      folder: ['Acme Billing API', 'Customer portal'],
      grant: 'authorization_code',
      tokenUrl: '{{auth_host}}/oauth2/token',
      authorizeUrl: '{{auth_host}}/oauth2/authorize?prompt=consent',
      clientId: '{{portal_client_id}}',
      clientAuth: 'none',
      scope: ['openid', 'profile', 'offline_access'],
      redirectUri: 'http://127.0.0.1:7777/callback',
      pkce: true,
      api: { tokenPlacement: 'query', queryParam: 'access_token' },
    })
  })

  it('keeps a variable the file gives no value as {{name}}, and says to set it in the environment', () => {
    expect(result.warnings).toContain(
      'Postman request "Acme Billing API / Customer portal / Get my profile": "clientId" uses {{portal_client_id}}, which this file gives no value: set it in the environment before use.',
    )
  })

  it('makes one integration of the same settings repeated on a request, says where it went, and leaves out stale keys of other grants', () => {
    expect(result.integrations.map((integration) => integration.name)).toEqual([
      'Acme Billing API',
      'Get my profile',
    ])
    expect(result.warnings).toContain(
      'Postman request "Acme Billing API / Invoices / Create invoice": the same OAuth 2.0 settings as Postman collection "Acme Billing API"; imported once, from there.',
    )
    expect(result.integrations[1]).not.toHaveProperty('password')
  })

  it('skips the implicit grant with a warning naming the folder', () => {
    expect(result.warnings).toContain(
      'Postman folder "Acme Billing API / Legacy widgets": Implicit grant is deprecated (RFC 9700); use authorization code with PKCE. It was not imported.',
    )
    expect(result.warnings).toHaveLength(3)
  })

  it('maps password_credentials to password, with its username and password', () => {
    const { integrations } = importIntegrations({
      text: collection([
        { key: 'grant_type', value: 'password_credentials' },
        { key: 'accessTokenUrl', value: 'https://id.shop.example/token' },
        { key: 'clientId', value: 'till' },
        { key: 'clientSecret', value: 'till-secret' },
        { key: 'username', value: 'clerk' },
        { key: 'password', value: 'p@ss w0rd' },
        { key: 'scope', value: 'orders,refunds' },
      ]),
    })
    expect(integrations).toEqual([
      {
        format: 'tokendesk.integration/1',
        name: 'Orders',
        folder: ['Shop'],
        grant: 'password',
        tokenUrl: 'https://id.shop.example/token',
        clientId: 'till',
        clientSecret: 'till-secret',
        clientAuth: 'basic',
        scope: ['orders', 'refunds'],
        scopeSeparator: ',',
        username: 'clerk',
        password: 'p@ss w0rd',
        api: { tokenPlacement: 'header' },
      },
    ])
  })

  it('keeps authorization code without PKCE as Postman had it', () => {
    const { integrations } = importIntegrations({
      text: collection([
        { key: 'grant_type', value: 'authorization_code' },
        { key: 'authUrl', value: 'https://id.shop.example/authorize' },
        { key: 'accessTokenUrl', value: 'https://id.shop.example/token' },
        { key: 'clientId', value: 'web' },
        { key: 'clientSecret', value: 'web-secret' },
        { key: 'callbackUrl', value: 'https://oauth.pstmn.io/v1/callback' },
      ]),
    })
    expect(integrations[0]).toMatchObject({
      grant: 'authorization_code',
      pkce: false,
      clientAuth: 'basic',
      redirectUri: 'https://oauth.pstmn.io/v1/callback',
    })
  })

  it('keeps variables as {{name}} and dynamic ones as typed, and warns; token URL parameters go on the URL', () => {
    const { integrations, warnings } = importIntegrations({
      text: collection(
        [
          { key: 'grant_type', value: 'client_credentials' },
          { key: 'accessTokenUrl', value: '{{idp}}/token' },
          { key: 'clientId', value: '{{$guid}}' },
          { key: 'clientSecret', value: '{{secret}}' },
          { key: 'headerPrefix', value: 'Token' },
          {
            key: 'tokenRequestParams',
            value: [{ key: 'api-version', value: '2024-01', enabled: true, send_as: 'request_url' }],
          },
          {
            key: 'refreshRequestParams',
            value: [{ key: 'rotate', value: 'yes', enabled: true, send_as: 'request_body' }],
          },
        ],
        [{ key: 'secret', value: 'sh+h' }],
      ),
    })
    expect(integrations[0]).toMatchObject({
      tokenUrl: '{{idp}}/token?api-version=2024-01',
      clientId: '{{$guid}}',
      clientSecret: '{{secret}}',
    })
    expect(warnings).toEqual([
      'Postman request "Shop / Orders": refresh request parameters ("rotate") were not imported: TokenDesk sends the token request parameters on refresh too.',
      'Postman request "Shop / Orders": "tokenUrl" uses {{idp}}, which this file gives no value: set it in the environment before use.',
      'Postman request "Shop / Orders": "clientId" keeps {{$guid}} as typed: TokenDesk cannot fill it in. Replace it before use.',
      'Postman request "Shop / Orders": the token was sent after the header prefix "Token"; TokenDesk sends "Bearer". Check the API accepts it.',
    ])
  })
})

describe('Postman environments beside a collection', () => {
  const environment = (name: string, values: unknown[]) =>
    JSON.stringify({ id: 'e1', name, values, _postman_variable_scope: 'environment' })

  it('an environment file alone imports its environment, secrets marked', () => {
    const result = importFiles([
      {
        fileName: 'prod.postman_environment.json',
        text: environment('Production', [
          { key: 'host', value: 'https://id.shop.example', type: 'default', enabled: true },
          { key: 'token_key', value: 'k-123456', type: 'secret', enabled: true },
          { key: 'off', value: 'x', enabled: false },
        ]),
      },
    ])
    expect(result).toEqual({
      format: 'postman',
      integrations: [],
      environments: [
        {
          name: 'Production',
          variables: [
            { name: 'host', value: 'https://id.shop.example', secret: false },
            { name: 'token_key', value: 'k-123456', secret: true },
          ],
        },
      ],
      warnings: [],
    })
  })

  it('each environment picked with the collection carries the collection variables; its own values win', () => {
    const result = importFiles([
      {
        fileName: 'shop.postman_collection.json',
        text: collection(
          [
            { key: 'grant_type', value: 'client_credentials' },
            { key: 'accessTokenUrl', value: '{{host}}/token' },
            { key: 'clientId', value: '{{client}}' },
          ],
          [
            { key: 'host', value: 'https://id.example' },
            { key: 'client', value: 'shop' },
          ],
        ),
      },
      { fileName: 'dev.json', text: environment('Dev', [{ key: 'host', value: 'http://127.0.0.1:9000' }]) },
      { fileName: 'prod.json', text: environment('Prod', []) },
    ])
    expect(result.integrations).toMatchObject([{ tokenUrl: '{{host}}/token', clientId: '{{client}}' }])
    expect(result.environments).toEqual([
      {
        name: 'Dev',
        variables: [
          { name: 'client', value: 'shop', secret: false },
          { name: 'host', value: 'http://127.0.0.1:9000', secret: false },
        ],
      },
      {
        name: 'Prod',
        variables: [
          { name: 'host', value: 'https://id.example', secret: false },
          { name: 'client', value: 'shop', secret: false },
        ],
      },
    ])
  })

  it('reports an OAuth 2.0 block holding only a saved token instead of importing it empty', () => {
    const result = importIntegrations({
      text: collection([
        { key: 'accessToken', value: 'eyJhbGciOiJub25lIn0.e30.' },
        { key: 'tokenType', value: 'Bearer' },
        { key: 'addTokenTo', value: 'header' },
      ]),
    })
    expect(result.integrations).toEqual([])
    expect(result.warnings).toEqual([
      'Postman request "Shop / Orders": its OAuth 2.0 block holds only a saved token — it was probably fetched by a script. Set up the grant that fetches it (token URL and client) in TokenDesk instead. It was not imported.',
    ])
  })

  it('never shows a secret in a warning, even where the file repeats it in a URL', () => {
    const result = importIntegrations({
      text: collection([
        { key: 'grant_type', value: 'client_credentials' },
        { key: 'accessTokenUrl', value: 'https://id.shop.example/token' },
        { key: 'clientId', value: 'shop' },
        { key: 'clientSecret', value: 'sk-live-7f3a9c' },
        { key: 'refreshTokenUrl', value: 'https://id.shop.example/refresh?client_secret=sk-live-7f3a9c' },
      ]),
    })
    expect(result.warnings).toEqual([
      'Postman request "Shop / Orders": the refresh token URL https://id.shop.example/refresh?client_secret=•••••• was not imported: TokenDesk refreshes at the token URL.',
    ])
  })
})
