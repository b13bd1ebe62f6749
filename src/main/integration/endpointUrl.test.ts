import { describe, expect, it } from 'vitest'
import { ERR_INTEGRATION_INVALID } from '../../shared/errorCodes'
import type { Integration } from '../../shared/integration'
import { TokenDeskError } from '../errors'
import { createTokenEngine } from '../oauth/engine'

const integration = (tokenUrl: string): Integration => ({
  grant: 'client_credentials',
  tokenUrl,
  clientId: 'client',
  clientSecret: 'secret',
  clientAuth: 'body',
})

async function refusal(run: () => Promise<unknown>): Promise<TokenDeskError> {
  try {
    await run()
  } catch (error) {
    if (error instanceof TokenDeskError) return error
    throw error
  }
  throw new Error('expected a TokenDeskError')
}

describe('endpoint URLs read at the boundary', () => {
  const engine = createTokenEngine({ env: {} })
  for (const [url, reason] of [
    ['http://127.0.0.1:99999/', 'the port 99999 is above 65535'],
    ['http://exa mple.com/token', 'it contains a space'],
    ['http://[::1', 'the IPv6 address in [ ] is not closed'],
  ] as const) {
    it(`names the Token URL and why "${url}" cannot be used, from token.get and from the preview`, async () => {
      for (const run of [
        () => engine.getToken(integration(url)),
        () => engine.previewTokenRequest(integration(url)),
      ]) {
        const error = await refusal(run)
        expect(error.code).toBe(ERR_INTEGRATION_INVALID)
        expect(error.field).toBe('tokenUrl')
        expect(error.message).toBe(`Token URL "${url}" is not a valid URL: ${reason}. Correct the Token URL.`)
      }
    })
  }

  it('leaves a URL without a scheme or with a {placeholder} to the pre-flight warnings', async () => {
    const noScheme = await engine.previewTokenRequest(integration('auth.example.com/token'))
    expect(noScheme.warnings.join('\n')).toContain('has no http:// or https:// in front')
    const placeholder = await engine.previewTokenRequest(integration('https://{tenant}.example.com/token'))
    expect(placeholder.warnings.join('\n')).toContain('still contains a placeholder ({tenant})')
  })

  it('names the API base URL too', async () => {
    const error = await refusal(() =>
      engine.previewTokenRequest({
        ...integration('https://auth.example.com/token'),
        api: { baseUrl: 'https://api example.com' },
      }),
    )
    expect(error.field).toBe('api.baseUrl')
    expect(error.message).toContain('API base URL')
  })
})
