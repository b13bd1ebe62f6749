import { ERR_IMPORT_MALFORMED, ERR_IMPORT_UNRECOGNIZED } from '../../shared/errorCodes'
import type { Integration } from '../../shared/integration'
import { TokenDeskError } from '../errors'
import { parseIntegration } from '../integration/parse'
import { isBrunoCollection, looksLikeBru, readBruFile, readBrunoCollection } from './bruno'
import { isInsomniaExport, isInsomniaV5, readInsomniaExport } from './insomnia'
import { BruSyntaxError } from './lib/bruLang'
import { isObject, text } from './lib/json'
import type { ImportDraft } from './lib/toIntegration'
import { isPostmanCollection, readPostmanCollection } from './postman'
import { isTokenDeskFile, readTokenDeskFile } from './tokendesk'

/** The file looked like JSON or `.bru` but does not parse. */
export { ERR_IMPORT_MALFORMED }

export type ImportFormat = 'tokendesk' | 'postman' | 'insomnia' | 'bruno'

export interface ImportResult {
  format: ImportFormat
  /** Each one valid (`parseIntegration`); secrets included, as typed in the source. */
  integrations: Integration[]
  /** What was skipped, guessed or left for the user to fill in, naming the source request. */
  warnings: string[]
}

const ACCEPTED = [
  'a TokenDesk integration or export (JSON)',
  'a Postman Collection v2.1 (JSON)',
  'an Insomnia export v4 (JSON)',
  'a Bruno collection export (JSON)',
  'a Bruno .bru file',
]

/**
 * Reads OAuth 2.0 settings from another tool's file (or TokenDesk's own) as integrations. The format
 * is recognised from the content; the file name only helps tell a `.bru` file and name the file in
 * errors. Throws ERR_IMPORT_UNRECOGNIZED for other files and ERR_IMPORT_MALFORMED for broken ones.
 */
export function importIntegrations(input: { fileName?: string; text: string }): ImportResult {
  const content = input.text.replace(/^\uFEFF/, '')
  const file = input.fileName ? `"${input.fileName}"` : 'The file'
  if (looksLikeBru(input.fileName, content)) {
    return fromDrafts('bruno', readBru(content, input.fileName, file), 'this .bru file')
  }
  const value = parseJson(content, file, input.fileName)
  if (isTokenDeskFile(value)) return { format: 'tokendesk', ...readTokenDeskFile(value) }
  if (isPostmanCollection(value)) {
    return fromDrafts('postman', readPostmanCollection(value), 'this Postman collection')
  }
  if (isInsomniaExport(value) || isInsomniaV5(value)) {
    return fromDrafts('insomnia', readInsomniaExport(value), 'this Insomnia export')
  }
  if (isBrunoCollection(value)) {
    return fromDrafts('bruno', readBrunoCollection(value), 'this Bruno collection')
  }
  throw unrecognized(file, input.fileName, hintFor(value))
}

/** Validates each draft, drops the ones that repeat an earlier one (same settings, other request). */
function fromDrafts(format: ImportFormat, drafts: ImportDraft[], where: string): ImportResult {
  const integrations: Integration[] = []
  const warnings: string[] = []
  const seen = new Set<string>()
  for (const draft of drafts) {
    if ('skipped' in draft) {
      warnings.push(draft.skipped)
      continue
    }
    let integration: Integration
    try {
      integration = parseIntegration(draft.integration)
    } catch (error) {
      if (!(error instanceof TokenDeskError)) throw error
      warnings.push(`${draft.label}: not imported: ${error.message}`)
      continue
    }
    const settings = JSON.stringify({ ...integration, name: undefined })
    if (seen.has(settings)) continue
    seen.add(settings)
    integrations.push(integration)
    warnings.push(...draft.warnings)
  }
  if (!drafts.length) warnings.push(`No OAuth 2.0 settings were found in ${where}.`)
  return { format, integrations, warnings: [...new Set(warnings)] }
}

function readBru(content: string, fileName: string | undefined, file: string): ImportDraft[] {
  try {
    return readBruFile(content, fileName)
  } catch (error) {
    if (!(error instanceof BruSyntaxError)) throw error
    throw new TokenDeskError(
      ERR_IMPORT_MALFORMED,
      `${file} is not a valid Bruno .bru file. ${error.message}`,
      {
        details: { fileName, line: error.line },
        cause: error,
      },
    )
  }
}

function parseJson(content: string, file: string, fileName: string | undefined): unknown {
  if (!/^\s*[[{]/.test(content)) throw unrecognized(file, fileName, hintForText(content))
  try {
    return JSON.parse(content)
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    const position = /at position (\d+)/.exec(message)
    const where = position ? lineAndColumn(content, Number(position[1])) : undefined
    const reason = message.replace(/\s*(?:in JSON )?at position \d+.*$/, '').replace(/\.$/, '')
    throw new TokenDeskError(
      ERR_IMPORT_MALFORMED,
      `${file} is not valid JSON${where ? ` (line ${where.line}, column ${where.column})` : ''}: ${reason}. Export it again, or check that the whole file was copied.`,
      { details: { fileName, ...where }, cause: error },
    )
  }
}

function lineAndColumn(content: string, position: number): { line: number; column: number } {
  const before = content.slice(0, position).split('\n')
  return { line: before.length, column: before[before.length - 1]!.length + 1 }
}

function unrecognized(file: string, fileName: string | undefined, hint: string | undefined): TokenDeskError {
  return new TokenDeskError(
    ERR_IMPORT_UNRECOGNIZED,
    `${file} is not in a format TokenDesk imports.${hint ? ` ${hint}` : ''} Accepted: ${ACCEPTED.join(', ')}.`,
    { details: { fileName, accepted: ACCEPTED } },
  )
}

function hintForText(content: string): string | undefined {
  if (content.trim() === '') return 'It is empty.'
  if (/^_type:\s*export\s*$/m.test(content))
    return 'It is an Insomnia export in YAML: export it again as JSON.'
  if (/^type:\s*collection\.insomnia\.rest\/5/m.test(content)) {
    return 'It is an Insomnia 5 collection in YAML: convert it to JSON first (same content), or export it from Insomnia as v4 JSON.'
  }
  return undefined
}

function hintFor(value: unknown): string | undefined {
  if (!isObject(value)) return undefined
  if (value._postman_variable_scope !== undefined) {
    return 'It is a Postman environment, not a collection: export the collection (Collection v2.1).'
  }
  const schema = isObject(value.info) ? text(value.info.schema) : undefined
  if (schema?.includes('postman'))
    return `It is a Postman collection of schema ${schema}: export it as Collection v2.1.`
  if (value._type === 'export') {
    return `It is an Insomnia export of format ${text(value.__export_format) ?? 'unknown'}: export it again as v4 (JSON).`
  }
  return undefined
}
