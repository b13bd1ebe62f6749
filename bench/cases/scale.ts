import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createServices } from '../../src/main/services'
import { confStoreFactory } from '../../src/main/store/confStore'
import { History } from '../../src/main/store/history'
import { IntegrationRepository } from '../../src/main/store/integrationRepository'
import { Vault } from '../../src/main/vault/vault'
import { Workspaces } from '../../src/main/workspace/workspaces'
import type { IntegrationSummary } from '../../src/shared/storedIntegration'
import { nodePlatform } from '../../tests/support/nodePlatform'
import type { Figure } from '../lib/figure'
import { cipher, sampleExchange, sampleIntegration, seedHistory, seedIntegrations } from '../lib/seed'
import { heapUsedAfterGc, mb, median, ms, timeOnce, times } from '../lib/stats'
import { startTokenServer } from '../lib/tokenServer'

const SECTION = '6. Scale'

/** Load, search and save of a large library and history through the plain-Node (conf) stores, against a small one. */
export async function measureScale(): Promise<Figure[]> {
  const small = await integrationTimings(10)
  const large = await integrationTimings(1000)
  const smallHistory = await historyTimings(500)
  const largeHistory = await historyTimings(50_000)
  const figures: Figure[] = []
  for (const step of ['load', 'search', 'save'] as const) {
    figures.push(
      scaleFigure(`1,000 integrations vs 10: ${step}`, large[step], small[step], INTEGRATION_NOTES[step]),
    )
  }
  for (const step of ['load', 'search', 'save'] as const) {
    figures.push(
      scaleFigure(
        `50,000 history entries vs 500: ${step}`,
        largeHistory[step],
        smallHistory[step],
        HISTORY_NOTES[step],
      ),
    )
  }
  figures.push(await memoryAfterExchanges())
  return figures
}

/** Why a missed scale figure grows, from node --cpu-prof of each step (top self-time frames). */
const INTEGRATION_NOTES = {
  load: "integrations.json (and the vault) are read and parsed whole: conf reads the file in its constructor and deep-compares it with its defaults, then the cached store reads it again; top frames readFileSync, conf _deserialize (JSON.parse), the repository's summaries and sort by name. 100 times the integrations is about 100 times the bytes; a goal of ≤ 3× needs a store that loads lazily, not a faster parse.",
  search:
    'the sidebar filter lowercases and scans every summary; 10 summaries take microseconds, so the ratio mostly compares a loop of 1,000 against timer resolution. Linear, as a scan must be.',
  save: "a save writes the vault and integrations.json whole (conf: temp file + fsync + rename). It no longer reads each file three more times nor writes the version a second time, but the remaining write and conf's own read before it grow with the file; top frames fsync, readFileSync, writeSync, conf _serialize.",
}

const HISTORY_NOTES = {
  load: "TokenDesk keeps the last 500 exchanges (store/history.ts DEFAULT_HISTORY_LIMIT): a 50,000-entry history never exists in the product, and this row opens the store with a 50,000 limit to measure the store itself. Its file (≈ 40 MB) is read and parsed whole, twice (conf's constructor, then the cached store): top frames readFileSync/readFileUtf8, conf _deserialize, GC. Linear in bytes; ≤ 3× would need an append-only or paged history, which the 500 cap makes unnecessary.",
  search:
    'search lowercases and scans the searchable text of every entry; at 500 entries that is under a millisecond. Linear, as a scan of entries held in memory must be.',
  save: "a flush writes the whole file (conf: stringify, temp file, fsync, rename); it no longer reads and parses it three more times (store/cachedStore.ts reads it again only when another process changed it). What remains is linear in the file: top frames writeSync, conf _serialize (JSON.stringify), conf's own read before writing, the merge sort of entries. With the 500 cap a flush is the 500-entry figure.",
}

function scaleFigure(what: string, largeMs: number, smallMs: number, why: string): Figure {
  const ratio = largeMs / smallMs
  return {
    section: SECTION,
    what,
    measured: ms(largeMs),
    baseline: ms(smallMs),
    result: times(ratio),
    goal: '≤ 3×',
    met: ratio <= 3,
    note: ratio <= 3 ? undefined : why,
  }
}

type Timings = Record<'load' | 'search' | 'save', number>

async function integrationTimings(count: number): Promise<Timings> {
  const directory = mkdtempSync(join(tmpdir(), 'tokendesk-bench-scale-'))
  seedIntegrations(directory, count)
  const open = () => {
    const stores = confStoreFactory(directory)
    const vault = new Vault(stores.open('vault'), cipher, { weakAllowed: () => false })
    const settings = stores.open('settings')
    return new IntegrationRepository(
      new Workspaces(join(directory, 'workspace'), settings, { watch: false }),
      vault,
      settings,
    )
  }
  const load: number[] = []
  const search: number[] = []
  const save: number[] = []
  for (let round = 0; round < 7; round++) {
    let repository!: IntegrationRepository
    load.push(await timeOnce(() => (repository = open()).list()))
    search.push(await timeOnce(() => sidebarFilter(repository.list(), 'integration 7')))
    const [first] = repository.list()
    const editable = repository.getForEditing(first!.id)
    save.push(
      await timeOnce(() =>
        repository.save({
          id: first!.id,
          integration: { ...editable.integration, name: `${editable.integration.name}.` },
          keepSecrets: editable.secretsSet,
        }),
      ),
    )
  }
  rmSync(directory, { recursive: true, force: true })
  return { load: median(load), search: median(search), save: median(save) }
}

/** The sidebar's search (renderer features/integrations visibleSummaries), over the summaries main lists. */
function sidebarFilter(summaries: IntegrationSummary[], search: string): IntegrationSummary[] {
  const needle = search.trim().toLowerCase()
  return summaries.filter((summary) =>
    `${summary.name} ${summary.grant} ${summary.preset ?? ''}`.toLowerCase().includes(needle),
  )
}

async function historyTimings(count: number): Promise<Timings> {
  const directory = mkdtempSync(join(tmpdir(), 'tokendesk-bench-history-'))
  seedHistory(directory, count)
  const load: number[] = []
  const search: number[] = []
  const save: number[] = []
  // A 50,000-entry file takes seconds to read and write: three rounds keep the bench to minutes.
  for (let round = 0; round < 3; round++) {
    let history!: History
    load.push(
      await timeOnce(() => (history = new History(confStoreFactory(directory).open('history'), count))),
    )
    search.push(await timeOnce(() => history.list({ text: 'items/4242', limit: 100 })))
    history.add(sampleExchange(count + round), {})
    save.push(await timeOnce(() => history.flush()))
  }
  rmSync(directory, { recursive: true, force: true })
  return { load: median(load), search: median(search), save: median(save) }
}

/** The main process's services (plain-Node platform), heap after 100 and after 10,000 token requests. */
async function memoryAfterExchanges(): Promise<Figure> {
  const server = await startTokenServer()
  const { platform, userData } = nodePlatform()
  const services = createServices({ ...platform, env: {} })
  const saved = services.repository.save({
    integration: { ...sampleIntegration(0), tokenUrl: server.tokenUrl },
  })
  const integration = services.repository.getWithSecrets(saved.id)
  const exchange = async (count: number) => {
    for (let index = 0; index < count; index++) {
      const outcome = await services.engine.getToken(integration)
      if (!outcome.ok) throw new Error(`memory bench: ${outcome.diagnosis.summary}`)
    }
  }
  await exchange(100)
  services.history.flush()
  const after100 = heapUsedAfterGc()
  await exchange(9900)
  services.history.flush()
  const after10k = heapUsedAfterGc()
  await server.close()
  rmSync(userData, { recursive: true, force: true })
  const ratio = after10k / after100
  return {
    section: SECTION,
    what: 'main-process heap after 10,000 token exchanges vs after 100 (history keeps the last 500)',
    measured: mb(after10k),
    baseline: mb(after100),
    result: times(ratio),
    goal: '≤ 1.5×',
    met: ratio <= 1.5,
  }
}
