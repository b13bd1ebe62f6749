import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { importIntegrations } from './index'

const readSample = (name: string) => readFileSync(new URL(`./samples/${name}`, import.meta.url), 'utf8')

describe('Bruno .bru file', () => {
  it('imports the auth:oauth2 block of a request with its additional parameters and variables', () => {
    const result = importIntegrations({
      fileName: 'orders/list-orders.bru',
      text: readSample('list-orders.bru'),
    })
    expect(result).toEqual({
      format: 'bruno',
      integrations: [
        {
          format: 'tokendesk.integration/1',
          name: 'List orders',
          grant: 'authorization_code',
          tokenUrl: 'https://auth.shop.example/oauth/token',
          authorizeUrl: 'https://auth.shop.example/authorize?audience=https%3A%2F%2Forders.shop.example',
          clientId: 'orders-desktop',
          clientSecret: { env: 'ORDERS_CLIENT_SECRET' },
          clientAuth: 'basic',
          scope: ['orders:read', 'orders:write', 'offline_access'],
          redirectUri: 'http://127.0.0.1:8976/callback',
          pkce: true,
          tokenRequest: { params: { audience: 'https://orders.shop.example' } },
          api: { tokenPlacement: 'query', queryParam: 'token' },
        },
      ],
      warnings: [],
    })
  })

  it('reads collection.bru, recognised by its content, with Bruno defaults: credentials in the body', () => {
    const collectionBru = [
      'auth {',
      '  mode: oauth2',
      '}',
      '',
      'auth:oauth2 {',
      '  grant_type: client_credentials',
      '  access_token_url: https://id.shop.example/oauth/token',
      '  client_id: inventory-sync',
      '  client_secret: cs_live_4f1c9a+/=',
      '  scope: inventory:read',
      '}',
      '',
      'docs {',
      '  # Inventory',
      '}',
    ].join('\r\n')
    const { format, integrations } = importIntegrations({ text: collectionBru })
    expect(format).toBe('bruno')
    expect(integrations).toEqual([
      {
        format: 'tokendesk.integration/1',
        name: 'Bruno collection',
        grant: 'client_credentials',
        tokenUrl: 'https://id.shop.example/oauth/token',
        clientId: 'inventory-sync',
        clientSecret: 'cs_live_4f1c9a+/=',
        clientAuth: 'body',
        scope: ['inventory:read'],
        api: { tokenPlacement: 'header' },
      },
    ])
    expect(importIntegrations({ fileName: 'folder.bru', text: collectionBru }).integrations[0]?.name).toBe(
      'Bruno folder',
    )
  })

  it('skips the implicit grant with a warning naming the request', () => {
    const text = [
      'meta {',
      '  name: Legacy SPA',
      '}',
      '',
      'auth:oauth2 {',
      '  grant_type: implicit',
      '}',
    ].join('\n')
    expect(importIntegrations({ fileName: 'legacy.bru', text })).toEqual({
      format: 'bruno',
      integrations: [],
      warnings: [
        'Bruno request "Legacy SPA": Implicit grant is deprecated (RFC 9700); use authorization code with PKCE. It was not imported.',
      ],
    })
  })

  it('says so when a .bru file has no OAuth 2.0 settings', () => {
    const text = [
      'meta {',
      '  name: Ping',
      '}',
      '',
      'get {',
      '  url: https://api.shop.example/ping',
      '}',
    ].join('\n')
    expect(importIntegrations({ fileName: 'ping.bru', text })).toEqual({
      format: 'bruno',
      integrations: [],
      warnings: ['No OAuth 2.0 settings were found in this .bru file.'],
    })
  })
})

describe('Bruno collection export (JSON)', () => {
  const result = importIntegrations({
    fileName: 'Shop API.json',
    text: readSample('shop-api.bruno_collection.json'),
  })

  it('imports folder-level client credentials keeping {{name}} for environment variables', () => {
    expect(result.format).toBe('bruno')
    expect(result.integrations[0]).toEqual({
      format: 'tokendesk.integration/1',
      name: 'Admin',
      folder: ['Shop API'],
      grant: 'client_credentials',
      tokenUrl: '{{authHost}}/oauth/token',
      clientId: '{{adminClientId}}',
      clientSecret: '{{adminClientSecret}}',
      clientAuth: 'body',
      scope: ['admin:refunds', 'admin:users'],
      scopeSeparator: ',',
      api: { tokenPlacement: 'header' },
    })
    expect(result.warnings).toEqual([])
  })

  it('makes each environment an environment with the collection variables; a secret Bruno did not export is empty', () => {
    const shared = { name: 'tenant', value: 'shop-eu', secret: false }
    const secret = { name: 'adminClientSecret', value: '', secret: true }
    expect(result.environments).toEqual([
      {
        name: 'Staging',
        variables: [
          shared,
          { name: 'baseUrl', value: 'https://api.staging.shop.example', secret: false },
          { name: 'authHost', value: 'https://auth.staging.shop.example', secret: false },
          { name: 'adminClientId', value: 'admin-console', secret: false },
          secret,
        ],
      },
      {
        name: 'Production',
        variables: [
          shared,
          { name: 'baseUrl', value: 'https://api.shop.example', secret: false },
          { name: 'authHost', value: 'https://auth.shop.example', secret: false },
          { name: 'adminClientId', value: 'admin-console', secret: false },
          secret,
        ],
      },
    ])
  })

  it('imports a request password grant: request variables win over environments, secrets kept', () => {
    expect(result.integrations[1]).toEqual({
      format: 'tokendesk.integration/1',
      name: 'Sign in as clerk',
      folder: ['Shop API'],
      grant: 'password',
      tokenUrl: 'https://auth.staging.shop.example/oauth/token',
      clientId: 'pos-terminal',
      clientAuth: 'none',
      scope: ['orders:read'],
      username: 'clerk@shop.example',
      password: 'Tr0ub4dor&3',
      tokenRequest: { headers: { 'X-Store': 'berlin-mitte' }, params: { device_id: 'till-07' } },
      api: { tokenPlacement: 'header' },
    })
    expect(result.integrations).toHaveLength(2)
  })

  it('maps the newer token_endpoint_auth_method and reads process.env references', () => {
    const { integrations, warnings } = importIntegrations({
      text: JSON.stringify({
        name: 'Warehouse',
        version: '1',
        items: [
          {
            type: 'http-request',
            name: 'Stock',
            request: {
              auth: {
                mode: 'oauth2',
                oauth2: {
                  grantType: 'client_credentials',
                  accessTokenUrl: 'https://id.warehouse.example/token',
                  clientId: 'stock',
                  clientSecret: '{{process.env.STOCK_SECRET}}',
                  tokenEndpointAuthMethod: 'client_secret_basic',
                },
              },
            },
          },
        ],
      }),
    })
    expect(integrations[0]).toMatchObject({ clientSecret: { env: 'STOCK_SECRET' }, clientAuth: 'basic' })
    expect(warnings).toEqual([])
  })
})
