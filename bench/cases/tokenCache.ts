import { createTokenEngine } from '../../src/main/oauth'
import type { Integration } from '../../src/shared/integration'
import type { Figure } from '../lib/figure'
import { compareRounds, ms, times } from '../lib/stats'
import { startTokenServer } from '../lib/tokenServer'

const SECTION = '2. Token cache'
const LOOKUPS = 10_000
const CALLERS = 1000

/** Warm lookups against a bare Map, and single flight for cold callers and for a burst of 401s. */
export async function measureTokenCache(): Promise<Figure[]> {
  const server = await startTokenServer()
  const integration: Integration = {
    grant: 'client_credentials',
    tokenUrl: server.tokenUrl,
    clientId: 'bench-client',
    clientSecret: 'bench-secret',
    clientAuth: 'basic',
    api: { baseUrl: server.apiUrl },
  }
  const figures = [
    await warmLookups(integration),
    await coldCallers(integration, server),
    await burstOf401s(integration, server),
  ]
  await server.close()
  return figures
}

async function warmLookups(integration: Integration): Promise<Figure> {
  const engine = createTokenEngine({ env: {} })
  await engine.getToken(integration, { cacheKey: 'warm' })
  const map = new Map<string, unknown>([['warm', { access_token: 'x' }]])
  let sink: unknown
  const { measuredMs, baselineMs } = await compareRounds(
    5,
    async () => {
      for (let index = 0; index < LOOKUPS; index++) {
        const outcome = await engine.getToken(integration, { cacheKey: 'warm' })
        if (outcome.ok && outcome.source !== 'cache') throw new Error('warm lookup went to the network')
      }
    },
    async () => {
      for (let index = 0; index < LOOKUPS; index++) sink = await map.get('warm')
    },
  )
  void sink
  const ratio = measuredMs / baselineMs
  return {
    section: SECTION,
    what: `${LOOKUPS.toLocaleString('en')} warm getToken vs ${LOOKUPS.toLocaleString('en')} Map lookups`,
    measured: ms(measuredMs),
    baseline: ms(baselineMs),
    result: times(ratio),
    goal: '≤ 20×',
    met: ratio <= 20,
    note:
      ratio <= 20
        ? undefined
        : "each warm getToken still resolves the integration and runs the pre-flight checks before it reads the cache (engine.ts prepare()), because the warnings a cached token comes with and the values it is used with must follow an edited integration; the masker is no longer built for a cache hit. Top self-time frames (node --cpu-prof, 50,000 warm calls): integration/resolve.ts resolveIntegration and fillTemplates, oauth/preflight.ts preflightChecks, URL.canParse and integration/endpointUrl.ts (endpoint checks), shared/secretFields.ts parseSecretPath, Set construction. Closing it means keeping prepare()'s result per integration content and environment, outside the files this change owns.",
  }
}

async function coldCallers(
  integration: Integration,
  server: Awaited<ReturnType<typeof startTokenServer>>,
): Promise<Figure> {
  const engine = createTokenEngine({ env: {} })
  const before = server.counts.token
  await Promise.all(Array.from({ length: CALLERS }, () => engine.getToken(integration, { cacheKey: 'cold' })))
  const made = server.counts.token - before
  return {
    section: SECTION,
    what: `${CALLERS.toLocaleString('en')} concurrent cold callers`,
    measured: `${made} token request(s)`,
    baseline: `${CALLERS.toLocaleString('en')} callers`,
    result: `${made} request(s)`,
    goal: 'exactly 1',
    met: made === 1,
  }
}

async function burstOf401s(
  integration: Integration,
  server: Awaited<ReturnType<typeof startTokenServer>>,
): Promise<Figure> {
  const engine = createTokenEngine({ env: {} })
  const first = await engine.getToken(integration, { cacheKey: 'api' })
  if (!first.ok) throw new Error('no token for the 401 burst')
  server.refused.add(first.token.access_token)
  const before = server.counts.token
  const outcomes = await Promise.all(
    Array.from({ length: CALLERS }, () =>
      engine.callApi(integration, { method: 'GET', url: '/items' }, { cacheKey: 'api' }),
    ),
  )
  const renewals = server.counts.token - before
  const succeeded = outcomes.filter((outcome) => outcome.ok && outcome.renewedAfter401).length
  return {
    section: SECTION,
    what: `${CALLERS.toLocaleString('en')} concurrent API calls refused with 401`,
    measured: `${renewals} renewal(s); ${succeeded.toLocaleString('en')} calls retried and answered 200`,
    baseline: `${CALLERS.toLocaleString('en')} 401s`,
    result: `${renewals} renewal(s)`,
    goal: 'exactly 1',
    met: renewals === 1 && succeeded === CALLERS,
  }
}
