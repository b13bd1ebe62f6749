import { CST, Lexer, parseDocument } from 'yaml'
import { ERR_IMPORT_MALFORMED } from '../../../shared/errorCodes'
import { TokenDeskError } from '../../errors'

/** YAML costs more to read than JSON; real Insomnia exports are well under this. */
export const MAX_YAML_CHARS = 10 * 1024 * 1024
/**
 * How deep YAML may nest (indentation, `- ` and `key:` on one line, and `[`/`{`, added up). The yaml
 * library reads nesting recursively; a few thousand levels would overflow its stack. An Insomnia
 * file with MAX_NESTING folders stays far below this.
 */
export const MAX_YAML_DEPTH = 400
/** Aliases (`*name`) a file may use: a "billion laughs" file repeats one a million-fold through nesting. */
const MAX_ALIASES = 100

/** Insomnia writes YAML: by its name, or by the line that names an Insomnia export. */
export function looksLikeYaml(fileName: string | undefined, content: string): boolean {
  if (/\.ya?ml$/i.test(fileName ?? '')) return true
  return /^(?:_type:\s*export|type:\s*[a-z]+\.insomnia\.rest\/)/m.test(content.slice(0, 4096))
}

/** Parses YAML into plain data, refusing files too large, too deep or with an alias bomb. */
export function parseYaml(content: string, file: string, fileName: string | undefined): unknown {
  if (content.length > MAX_YAML_CHARS) {
    throw malformed(
      `${file} is larger than ${MAX_YAML_CHARS / 1024 / 1024} MB of YAML; export fewer requests at a time.`,
      fileName,
    )
  }
  const depth = nestingDepth(content)
  if (depth.tooDeep) {
    throw malformed(
      `${file} nests more than ${MAX_YAML_DEPTH} levels deep (line ${depth.line}); it is not an export TokenDesk can read.`,
      fileName,
      { line: depth.line },
    )
  }
  const document = parseDocument(content, { prettyErrors: false })
  const error = document.errors[0]
  if (error) {
    const where = lineAndColumn(content, error.pos[0])
    const reason = error.message.replace(/\s+at line \d+.*$/s, '').replace(/\.$/, '')
    throw malformed(
      `${file} is not valid YAML (line ${where.line}, column ${where.column}): ${reason}. Export it again, or check that the whole file was copied.`,
      fileName,
      where,
    )
  }
  try {
    return document.toJS({ maxAliasCount: MAX_ALIASES })
  } catch (cause) {
    // The yaml library's only refusal here is its alias limit (a "resource exhaustion attack").
    throw malformed(
      `${file} repeats its YAML aliases (*name) too often to be read; it is not an export TokenDesk can read.`,
      fileName,
      undefined,
      cause,
    )
  }
}

/**
 * The deepest a line nests, from the lexer's tokens (one linear pass, scalars skipped whole, so a
 * `{` inside a body's text does not count): indentation, plus the `- `, `? ` and `: ` indicators
 * before the line's first scalar, plus open flow collections.
 */
function nestingDepth(content: string): { tooDeep: boolean; line: number } {
  let line = 1
  let atLineStart = true
  let depth = 0
  let flow = 0
  let skipNext = false
  for (const token of new Lexer().lex(content)) {
    if (skipNext) {
      skipNext = false
      line += countNewlines(token)
      if (token.endsWith('\n')) {
        atLineStart = true
        depth = 0
      }
      continue
    }
    const type = CST.tokenType(token)
    if (type === 'scalar') skipNext = true
    else if (type === 'newline') {
      line++
      atLineStart = true
      depth = 0
    } else if (type === 'space' && atLineStart) depth += token.length
    else if (type === 'seq-item-ind' || type === 'explicit-key-ind' || type === 'map-value-ind') depth++
    else if (type === 'flow-map-start' || type === 'flow-seq-start') flow++
    else if (type === 'flow-map-end' || type === 'flow-seq-end') flow = Math.max(0, flow - 1)
    if (type !== 'space' && type !== 'newline') atLineStart = false
    if (depth + flow > MAX_YAML_DEPTH) return { tooDeep: true, line }
  }
  return { tooDeep: false, line }
}

function countNewlines(text: string): number {
  let count = 0
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) count++
  return count
}

function lineAndColumn(content: string, position: number): { line: number; column: number } {
  const before = content.slice(0, position).split('\n')
  return { line: before.length, column: before[before.length - 1]!.length + 1 }
}

function malformed(
  message: string,
  fileName: string | undefined,
  where?: { line: number; column?: number },
  cause?: unknown,
): TokenDeskError {
  return new TokenDeskError(ERR_IMPORT_MALFORMED, message, { details: { fileName, ...where }, cause })
}
