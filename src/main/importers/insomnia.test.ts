import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { importIntegrations } from './index'

const fileName = 'payroll.insomnia.json'
const sample = readFileSync(new URL(`./samples/${fileName}`, import.meta.url), 'utf8')

function exportWith(authentication: Record<string, unknown>, environments: unknown[] = []): string {
  return JSON.stringify({
    _type: 'export',
    __export_format: 4,
    __export_source: 'insomnia.desktop.app:v10.1.1',
    resources: [
      { _id: 'wrk_1', parentId: null, name: 'Shop', _type: 'workspace' },
      { _id: 'req_1', parentId: 'wrk_1', name: 'Orders', method: 'GET', _type: 'request', authentication },
      ...environments,
    ],
  })
}

describe('Insomnia export v4', () => {
  const result = importIntegrations({ fileName, text: sample })

  it('imports the password grant with credentials in the body, {{ _.name }} as {{name}}, secrets kept', () => {
    expect(result.format).toBe('insomnia')
    expect(result.integrations[0]).toEqual({
      format: 'tokendesk.integration/1',
      name: 'List employees',
      folder: ['Payroll', 'Employees'],
      grant: 'password',
      tokenUrl: '{{id_host}}/connect/token',
      clientId: '{{client.id}}',
      clientSecret: '{{client_secret}}',
      clientAuth: 'body',
      scope: ['payroll.read', 'payroll.write'],
      scopeSeparator: ',',
      username: '{{api_user}}',
      password: 'correct horse battery staple',
      tokenRequest: { params: { audience: 'https://api.payroll.example' } },
      api: { tokenPlacement: 'header' },
    })
  })

  it('makes each sub-environment an environment with the base values, a variable used as a secret marked secret', () => {
    const base = [
      { name: 'id_host', value: 'https://id.payroll.example', secret: false },
      { name: 'api_host', value: 'https://api.payroll.example', secret: false },
      { name: 'client.id', value: 'payroll-desktop', secret: false },
    ]
    const secret = { name: 'client_secret', value: 'pd_9f8e7d6c5b4a', secret: true }
    expect(result.environments).toEqual([
      {
        name: 'Staging',
        variables: [...base, { name: 'api_user', value: 'qa-bot@payroll.example', secret: false }, secret],
      },
      {
        name: 'Production',
        variables: [...base, { name: 'api_user', value: 'ops@payroll.example', secret: false }, secret],
      },
    ])
  })

  it('imports folder-level client credentials with a Basic header, resource, Origin and folder variables', () => {
    expect(result.integrations[1]).toEqual({
      format: 'tokendesk.integration/1',
      name: 'Reports',
      folder: ['Payroll'],
      grant: 'client_credentials',
      tokenUrl: '{{id_host}}/connect/token',
      clientId: 'reports-exporter',
      clientSecret: "{% prompt 'Client secret', '', '', '', false, true %}",
      clientAuth: 'basic',
      scope: ['reports:export'],
      tokenRequest: {
        headers: { Origin: 'https://desk.payroll.example' },
        params: { resource: 'https://reports.payroll.example' },
      },
      api: { tokenPlacement: 'header' },
    })
    expect(result.warnings).toContain(
      'Insomnia folder "Payroll / Reports": "clientSecret" uses Insomnia template code TokenDesk cannot run; it was kept as typed. Replace it before use.',
    )
    expect(result.warnings).toContain(
      'Insomnia folder "Payroll / Reports": the token was sent after the header prefix "Token"; TokenDesk sends "Bearer". Check the API accepts it.',
    )
  })

  it('skips the implicit grant with a warning naming the request', () => {
    expect(result.integrations).toHaveLength(2)
    expect(result.warnings).toContain(
      'Insomnia request "Payroll / Employees / Approve timesheet": Implicit grant is deprecated (RFC 9700); use authorization code with PKCE. It was not imported.',
    )
  })

  it('sends audience and resource on both the authorize URL and the token request for authorization code', () => {
    const { integrations, warnings } = importIntegrations({
      text: exportWith({
        type: 'oauth2',
        grantType: 'authorization_code',
        authorizationUrl: 'https://shop.eu.auth0.example/authorize?connection=staff',
        accessTokenUrl: 'https://shop.eu.auth0.example/oauth/token',
        clientId: 'desk',
        clientSecret: '',
        redirectUrl: 'http://127.0.0.1:5544/cb',
        scope: 'openid offline_access',
        usePkce: true,
        pkceMethod: 'plain',
        audience: 'https://api.shop.example',
        resource: 'urn:shop:orders',
        credentialsInBody: false,
        disabled: true,
      }),
    })
    expect(integrations).toEqual([
      {
        format: 'tokendesk.integration/1',
        name: 'Orders',
        folder: ['Shop'],
        grant: 'authorization_code',
        tokenUrl: 'https://shop.eu.auth0.example/oauth/token',
        authorizeUrl:
          'https://shop.eu.auth0.example/authorize?connection=staff&audience=https%3A%2F%2Fapi.shop.example&resource=urn%3Ashop%3Aorders',
        clientId: 'desk',
        clientAuth: 'none',
        scope: ['openid', 'offline_access'],
        redirectUri: 'http://127.0.0.1:5544/cb',
        pkce: true,
        tokenRequest: { params: { audience: 'https://api.shop.example', resource: 'urn:shop:orders' } },
        api: { tokenPlacement: 'header' },
      },
    ])
    expect(warnings).toEqual([
      'Insomnia request "Shop / Orders": this authentication is disabled in Insomnia; it was imported anyway.',
      'Insomnia request "Shop / Orders": the PKCE method was "plain"; TokenDesk always uses S256 (RFC 7636 §4.2).',
    ])
  })

  it('keeps bracketed and bare references as {{name}}, the environment with the base values', () => {
    const dev = [
      {
        _id: 'env_base',
        parentId: 'wrk_1',
        name: 'Base',
        data: { 'id-host': 'https://id.shop.example' },
        _type: 'environment',
      },
      {
        _id: 'env_dev',
        parentId: 'env_base',
        name: 'Dev',
        data: { client_id: 'shop-dev', secret: 'd3v' },
        _type: 'environment',
      },
    ]
    const { integrations, environments, warnings } = importIntegrations({
      text: exportWith(
        {
          type: 'oauth2',
          grantType: 'client_credentials',
          accessTokenUrl: "{{ _['id-host'] }}/token",
          clientId: '{{ client_id }}',
          clientSecret: '{{ _.secret }}',
        },
        dev,
      ),
    })
    expect(integrations[0]).toMatchObject({
      tokenUrl: '{{id-host}}/token',
      clientId: '{{client_id}}',
      clientSecret: '{{secret}}',
      clientAuth: 'basic',
    })
    expect(environments).toEqual([
      {
        name: 'Dev',
        variables: [
          { name: 'id-host', value: 'https://id.shop.example', secret: false },
          { name: 'client_id', value: 'shop-dev', secret: false },
          { name: 'secret', value: 'd3v', secret: true },
        ],
      },
    ])
    expect(warnings).toEqual([])
  })

  it('reads the same settings from an Insomnia 5 collection written as JSON', () => {
    const { format, integrations } = importIntegrations({
      fileName: 'shop.json',
      text: JSON.stringify({
        type: 'collection.insomnia.rest/5.0',
        name: 'Shop',
        meta: { id: 'wrk_1' },
        collection: [
          {
            name: 'Staff',
            meta: { id: 'fld_1' },
            children: [
              {
                url: 'https://api.shop.example/staff',
                name: 'List staff',
                method: 'GET',
                authentication: {
                  type: 'oauth2',
                  grantType: 'client_credentials',
                  accessTokenUrl: '{{ _.idp }}/token',
                  clientId: 'staff-sync',
                  clientSecret: 'st4ff',
                  credentialsInBody: true,
                },
              },
            ],
          },
        ],
        environments: {
          name: 'Base Environment',
          data: { idp: 'https://id.shop.example' },
          subEnvironments: [],
        },
      }),
    })
    expect(format).toBe('insomnia')
    expect(integrations).toEqual([
      {
        format: 'tokendesk.integration/1',
        name: 'List staff',
        folder: ['Shop', 'Staff'],
        grant: 'client_credentials',
        tokenUrl: '{{idp}}/token',
        clientId: 'staff-sync',
        clientSecret: 'st4ff',
        clientAuth: 'body',
        api: { tokenPlacement: 'header' },
      },
    ])
  })
})

describe('Insomnia OAuth 2.0 blocks with nothing to get a token with', () => {
  it('reports a request whose only OAuth 2.0 data is a token Insomnia saved', () => {
    const result = importIntegrations({
      text: exportWith({ type: 'oauth2', grantType: 'authorization_code' }, [
        { _id: 'oa2_1', parentId: 'req_1', _type: 'oauth2_token', accessToken: 'saved-by-a-script' },
      ]),
    })
    expect(result.integrations).toEqual([])
    expect(result.warnings).toEqual([
      'Insomnia request "Shop / Orders": its OAuth 2.0 block holds only a saved token — it was probably fetched by a script. Set up the grant that fetches it (token URL and client) in TokenDesk instead. It was not imported.',
    ])
  })
})
