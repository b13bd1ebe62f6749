import { deriveApiBaseUrl, type DerivedApiBaseUrl } from '@shared/apiBaseUrl'
import type { ConfigValue, Integration } from '@shared/integration'
import type { Preset } from '@shared/preset'
import type { EditableIntegration, TokenStorage } from '@shared/storedIntegration'
import type { Pair } from '../../ui/KeyValueEditor'

/**
 * The form's working copy. Maps become ordered rows while editing (a half-typed header must not
 * vanish or reorder); they turn back into the integration format on save.
 */
export interface Draft {
  id?: string
  integration: Integration
  tokenHeaders: Pair[]
  tokenParams: Pair[]
  apiHeaders: Pair[]
  tokenStorage: TokenStorage
  /** Paths whose secret is saved in the vault (and not in this window). */
  secretsSet: string[]
  /** The workspace file's revision as loaded: a save over a change on disk is refused as a conflict. */
  revision?: string
  /** Labels of secrets the workspace file says are needed and this person has not set. */
  needs?: string[]
  /** The API base URL was derived from the Token URL's host (not saved: the URL itself is). */
  apiBaseUrlDerived?: DerivedApiBaseUrl
}

export function draftFromEditable(editable: EditableIntegration): Draft {
  const { integration } = editable
  return {
    id: editable.id,
    integration,
    tokenHeaders: rows(integration.tokenRequest?.headers),
    tokenParams: rows(integration.tokenRequest?.params),
    apiHeaders: rows(integration.api?.headers),
    tokenStorage: editable.tokenStorage,
    secretsSet: editable.secretsSet,
    revision: editable.revision,
    needs: editable.needs,
  }
}

export function draftFromPreset(integration: Integration): Draft {
  return {
    integration: structuredClone(integration),
    tokenHeaders: rows(integration.tokenRequest?.headers),
    tokenParams: rows(integration.tokenRequest?.params),
    apiHeaders: rows(integration.api?.headers),
    tokenStorage: 'session',
    secretsSet: [],
  }
}

/** The integration to save or preview: rows folded back, empty optional text dropped. */
export function integrationFromDraft(draft: Draft): Integration {
  const { tokenRequest: _tokenRequest, api, ...rest } = draft.integration
  const cleaned = Object.fromEntries(
    Object.entries(rest).filter(([, value]) => value !== '' && value !== undefined),
  ) as Integration
  for (const block of STANDARD_BLOCKS) {
    const kept = withoutEmpty(cleaned[block])
    if (kept) (cleaned as Record<string, unknown>)[block] = kept
    else delete cleaned[block]
  }
  const headers = record(draft.tokenHeaders)
  const params = record(draft.tokenParams)
  const apiHeaders = record(draft.apiHeaders)
  if (headers || params) cleaned.tokenRequest = { ...(headers && { headers }), ...(params && { params }) }
  const apiSection = { ...api, headers: apiHeaders }
  if (!apiSection.headers) delete apiSection.headers
  if (apiSection.baseUrl === '') delete apiSection.baseUrl
  if (Object.keys(apiSection).length) cleaned.api = apiSection
  return cleaned
}

/** The standards' settings blocks, whose fields the form leaves as '' or [] when cleared. */
const STANDARD_BLOCKS = ['tokenExchange', 'jwtBearer', 'dpop'] as const

/** The block without cleared fields; undefined when nothing is left. */
function withoutEmpty<Block extends object>(block: Block | undefined): Block | undefined {
  if (!block) return undefined
  const kept = Object.entries(block).filter(
    ([, value]) => value !== '' && value !== undefined && !(Array.isArray(value) && value.length === 0),
  )
  return kept.length ? (Object.fromEntries(kept) as Block) : undefined
}

const MAP_PREFIXES: Array<[string, keyof Pick<Draft, 'tokenHeaders' | 'tokenParams' | 'apiHeaders'>]> = [
  ['tokenRequest.headers.', 'tokenHeaders'],
  ['tokenRequest.params.', 'tokenParams'],
  ['api.headers.', 'apiHeaders'],
]

/** Saved secrets the form still holds a place for (left empty = keep). A removed row drops its secret. */
export function keptSecrets(draft: Draft): string[] {
  return draft.secretsSet.filter((path) => {
    const map = MAP_PREFIXES.find(([prefix]) => path.startsWith(prefix))
    if (!map) return true
    const name = path.slice(map[0].length)
    return draft[map[1]].some(([rowName]) => rowName.trim() === name)
  })
}

/** In the form, an environment reference is written {{env:NAME}}. */
const ENV_TEXT = /^\{\{env:([A-Za-z_][A-Za-z0-9_]*)\}\}$/

export function textOf(value: ConfigValue | undefined): string {
  if (value === undefined) return ''
  return typeof value === 'string' ? value : `{{env:${value.env}}}`
}

export function valueOf(text: string): ConfigValue {
  const env = ENV_TEXT.exec(text.trim())
  return env ? { env: env[1]! } : text
}

function rows(map: Record<string, ConfigValue> | undefined): Pair[] {
  return Object.entries(map ?? {}).map(([name, value]) => [name, textOf(value)])
}

function record(pairs: Pair[]): Record<string, ConfigValue> | undefined {
  const kept = pairs.filter(([name]) => name.trim() !== '')
  return kept.length
    ? Object.fromEntries(kept.map(([name, value]) => [name.trim(), valueOf(value)]))
    : undefined
}

/**
 * Follows the Token URL with Try the API's base URL while the user has not set one: the preset's
 * default, or one derived earlier, gives way to one derived from the Token URL's host (or comes back).
 */
export function withDerivedApiBaseUrl(draft: Draft, preset: Preset | undefined): Draft {
  const presetApi = preset?.integration.api?.baseUrl
  const presetToken = preset?.integration.tokenUrl
  const current = draft.integration.api?.baseUrl
  if (typeof presetApi !== 'string' || typeof presetToken !== 'string') return draft
  const ours =
    current === presetApi || (current !== undefined && current === draft.apiBaseUrlDerived?.baseUrl)
  if (!ours) return draft
  const tokenUrl = draft.integration.tokenUrl
  const derived =
    typeof tokenUrl === 'string'
      ? deriveApiBaseUrl({ tokenUrl: presetToken, apiBaseUrl: presetApi }, tokenUrl)
      : null
  const baseUrl = derived?.baseUrl ?? presetApi
  if (baseUrl === current && derived?.from === draft.apiBaseUrlDerived?.from) return draft
  return {
    ...draft,
    integration: { ...draft.integration, api: { ...draft.integration.api, baseUrl } },
    apiBaseUrlDerived: derived ?? undefined,
  }
}
