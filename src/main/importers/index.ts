import { ERR_IMPORT_MALFORMED, ERR_IMPORT_UNRECOGNIZED } from '../../shared/errorCodes'
import type { Integration } from '../../shared/integration'
import { readOwnPath, secretPathsOf } from '../../shared/secretFields'
import { isSecretName } from '../../shared/secretNames'
import { TokenDeskError } from '../errors'
import { ValueScrubber } from '../http/valueScrubber'
import { parseIntegration } from '../integration/parse'
import { isBrunoCollection, looksLikeBru, readBruFile, readBrunoCollection } from './bruno'
import { readBrunoFolder, type FolderFile } from './brunoFolder'
import { isInsomniaExport, isInsomniaV5, readInsomniaExport } from './insomnia'
import { BruSyntaxError } from './lib/bruLang'
import type { ImportedEnvironment } from './lib/environments'
import { isObject, text } from './lib/json'
import type { ImportDraft } from './lib/toIntegration'
import { looksLikeYaml, parseYaml } from './lib/yaml'
import {
  isPostmanCollection,
  isPostmanEnvironment,
  readPostmanCollection,
  readPostmanEnvironment,
} from './postman'
import { isTokenDeskFile, readTokenDeskFile } from './tokendesk'

/** The file looked like JSON, YAML or `.bru` but does not parse. */
export { ERR_IMPORT_MALFORMED }
export type { FolderFile, ImportedEnvironment }
export type { ImportedVariable } from './lib/environments'

export type ImportFormat = 'tokendesk' | 'postman' | 'insomnia' | 'bruno'

/**
 * One imported integration, valid (`parseIntegration`) once `folder` is taken off; secrets included,
 * as typed in the source. Its string fields may hold `{{name}}`: a variable of `environments`.
 */
export type ImportedIntegration = Integration & {
  /**
   * The collection folders the source sits in, outermost first (the collection's name first), for
   * the workspace to file it under; absent at the top (a collection's own settings, a lone `.bru`
   * file, TokenDesk files). Not part of the integration file: take it off before saving.
   */
  folder?: string[]
}

export interface ImportResult {
  format: ImportFormat
  integrations: ImportedIntegration[]
  /**
   * Environments the files define (Postman environment files, Insomnia base and sub-environments,
   * Bruno environments), each also carrying the collection's own variables. Absent when none.
   */
  environments?: ImportedEnvironment[]
  /** What was skipped, guessed or left for the user to fill in, naming the source request. Secrets masked. */
  warnings: string[]
}

const ACCEPTED = [
  'a TokenDesk integration or export (JSON)',
  'a Postman Collection v2.1 and its environments (JSON)',
  'an Insomnia export v4 or v5 (YAML or JSON)',
  'a Bruno collection folder, export (JSON) or .bru file',
]

/** Several picked at once: a collection and its environment files. */
const MAX_FILES = 20

/**
 * Reads OAuth 2.0 settings from another tool's file (or TokenDesk's own) as integrations. The format
 * is recognised from the content; the file name only helps tell a `.bru` file and name the file in
 * errors. Throws ERR_IMPORT_UNRECOGNIZED for other files and ERR_IMPORT_MALFORMED for broken ones.
 */
export function importIntegrations(input: { fileName?: string; text: string }): ImportResult {
  return importFiles([input])
}

/**
 * Files picked together: Postman environment files apply to the Postman collections beside them
 * (an environment file alone imports its environment). The format reported is the first file's.
 */
export function importFiles(files: Array<{ fileName?: string; text: string }>): ImportResult {
  if (files.length > MAX_FILES) {
    throw new TokenDeskError(
      ERR_IMPORT_UNRECOGNIZED,
      `${files.length} files were picked; import at most ${MAX_FILES} at once.`,
    )
  }
  const read = files.map(readFile)
  const postmanEnvironments = read.flatMap((each) =>
    each.kind === 'postman environment' ? [each.environment] : [],
  )
  const results: ImportResult[] = read.map((each) => {
    if (each.kind === 'bru') return fromDrafts('bruno', { drafts: each.drafts }, 'this .bru file')
    if (each.kind === 'postman environment') return { format: 'postman', integrations: [], warnings: [] }
    return fromValue(each.value, each.fileName, postmanEnvironments)
  })
  const standalone =
    postmanEnvironments.length &&
    !read.some((each) => each.kind === 'value' && isPostmanCollection(each.value))
  const merged: ImportResult = {
    format: results[0]?.format ?? 'tokendesk',
    integrations: results.flatMap((result) => result.integrations),
    environments: [
      ...(standalone ? postmanEnvironments : []),
      ...results.flatMap((result) => result.environments ?? []),
    ],
    warnings: [...new Set(results.flatMap((result) => result.warnings))],
  }
  return masked(merged)
}

/** A Bruno collection folder's files (see brunoFolder.ts), paths relative to the folder picked. */
export function importBrunoFolder(files: FolderFile[]): ImportResult {
  return masked(fromDrafts('bruno', readBrunoFolder(files), 'this Bruno collection'))
}

type ReadFile =
  | { kind: 'bru'; drafts: ImportDraft[] }
  | { kind: 'postman environment'; environment: ImportedEnvironment }
  | { kind: 'value'; value: unknown; fileName?: string }

function readFile(input: { fileName?: string; text: string }): ReadFile {
  const content = input.text.replace(/^\uFEFF/, '')
  const file = input.fileName ? `"${input.fileName}"` : 'The file'
  if (looksLikeBru(input.fileName, content)) {
    return { kind: 'bru', drafts: readBru(content, input.fileName, file) }
  }
  const value = /^\s*[[{]/.test(content)
    ? parseJson(content, file, input.fileName)
    : looksLikeYaml(input.fileName, content)
      ? parseYaml(content, file, input.fileName)
      : undefined
  if (value === undefined) throw unrecognized(file, input.fileName, hintForText(content))
  if (isPostmanEnvironment(value))
    return { kind: 'postman environment', environment: readPostmanEnvironment(value) }
  return { kind: 'value', value, fileName: input.fileName }
}

function fromValue(
  value: unknown,
  fileName: string | undefined,
  postmanEnvironments: ImportedEnvironment[],
): ImportResult {
  if (isTokenDeskFile(value)) return { format: 'tokendesk', ...readTokenDeskFile(value) }
  if (isPostmanCollection(value)) {
    return fromDrafts('postman', readPostmanCollection(value, postmanEnvironments), 'this Postman collection')
  }
  if (isInsomniaExport(value) || isInsomniaV5(value)) {
    return fromDrafts('insomnia', readInsomniaExport(value), 'this Insomnia export')
  }
  if (isBrunoCollection(value)) {
    return fromDrafts('bruno', readBrunoCollection(value), 'this Bruno collection')
  }
  const file = fileName ? `"${fileName}"` : 'The file'
  throw unrecognized(file, fileName, hintFor(value, fileName))
}

/**
 * Validates each draft, folds the ones that repeat an earlier one (same settings, other request)
 * into it: their warnings are kept, and a line says where they went.
 */
function fromDrafts(
  format: ImportFormat,
  read: { drafts: ImportDraft[]; environments?: ImportedEnvironment[] },
  where: string,
): ImportResult {
  const integrations: ImportedIntegration[] = []
  const warnings: string[] = []
  const seen = new Map<string, string>()
  for (const draft of read.drafts) {
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
    warnings.push(...draft.warnings)
    const settings = JSON.stringify({ ...integration, name: undefined })
    const first = seen.get(settings)
    if (first !== undefined) {
      warnings.push(`${draft.label}: the same OAuth 2.0 settings as ${first}; imported once, from there.`)
      continue
    }
    seen.set(settings, draft.label)
    integrations.push(draft.folder.length ? { ...integration, folder: draft.folder } : integration)
  }
  if (!read.drafts.length) warnings.push(`No OAuth 2.0 settings were found in ${where}.`)
  const environments = read.environments?.length ? { environments: read.environments } : {}
  return { format, integrations, ...environments, warnings: [...new Set(warnings)] }
}

/**
 * A variable is secret when the file says so, when its name says so (`client_secret`, `apiKey`),
 * or when a secret field uses it (`"clientSecret": "{{portal_key}}"`): it is then kept in the vault,
 * never in a workspace file. Warnings quote values from the files: no secret shows there.
 */
function masked(result: ImportResult): ImportResult {
  const secretFieldValues = result.integrations.flatMap((integration) =>
    secretPathsOf(integration)
      .map((path) => readOwnPath(integration, path))
      .filter((value): value is string => typeof value === 'string'),
  )
  const usedBySecretField = new Set(secretFieldValues.flatMap(referencedNames))
  const environments = (result.environments ?? []).map((environment) => ({
    name: environment.name,
    variables: environment.variables.map((variable) => ({
      ...variable,
      secret: variable.secret || isSecretName(variable.name) || usedBySecretField.has(variable.name),
    })),
  }))
  const scrubber = new ValueScrubber([
    ...environments.flatMap((environment) =>
      environment.variables.filter((variable) => variable.secret).map((variable) => variable.value),
    ),
    ...secretFieldValues,
  ])
  const { environments: _environments, ...rest } = result
  return {
    ...rest,
    ...(environments.length ? { environments } : {}),
    warnings: result.warnings.map((warning) => scrubber.scrub(warning)),
  }
}

/** The `{{name}}` references in a value, found with indexOf (linear). */
function referencedNames(value: string): string[] {
  const names: string[] = []
  for (let open = value.indexOf('{{'); open >= 0; open = value.indexOf('{{', open + 2)) {
    const close = value.indexOf('}}', open + 2)
    if (close < 0) break
    names.push(value.slice(open + 2, close).trim())
  }
  return names
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
  return undefined
}

function hintFor(value: unknown, fileName: string | undefined): string | undefined {
  if (!isObject(value)) return undefined
  if (isBrunoConfig(value, fileName)) {
    return 'It is the bruno.json of a Bruno collection: choose "Import folder…" and pick the folder that holds it, to import the whole collection with its environments.'
  }
  if (value._postman_variable_scope === 'globals') {
    return 'It is a Postman globals file: export the collection (Collection v2.1), and its environments if it uses them.'
  }
  const schema = isObject(value.info) ? text(value.info.schema) : undefined
  if (schema?.includes('postman'))
    return `It is a Postman collection of schema ${schema}: export it as Collection v2.1.`
  if (value._type === 'export') {
    return `It is an Insomnia export of format ${text(value.__export_format) ?? 'unknown'}: export it again as v4 or v5.`
  }
  return undefined
}

/** Bruno's collection file: `{"version": "1", "name": …, "type": "collection"}`, without the requests. */
export function isBrunoConfig(value: unknown, fileName?: string): boolean {
  if (!isObject(value) || Array.isArray(value.items)) return false
  const named = fileName?.split(/[\\/]/).pop()?.toLowerCase() === 'bruno.json'
  return named || (value.type === 'collection' && typeof value.version === 'string')
}
