import type { ConfigValue } from '../../../shared/integration'

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/
/** A name a workspace variable can have: `baseUrl`, `client_id`, `auth.client-id`. */
const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/
/** Variables may refer to variables; past this depth the chain is taken for a loop. */
const MAX_DEPTH = 10
/**
 * Longest text one value may expand to. Ten levels of variables that each repeat the next ten times
 * would expand to 10^10 copies ("billion laughs"); past this budget references stay as typed.
 */
const MAX_EXPANDED_CHARS = 64 * 1024

/** How one tool writes a variable reference. */
export interface TemplateSyntax {
  /** The tool's name, for warnings. */
  tool: string
  /** One reference; group 1 is the variable name as written. */
  reference: RegExp
  /** Template code TokenDesk cannot run (Insomnia's `{% … %}` tags), kept as typed with a warning. */
  unsupported?: { open: string; close: string }
}

/** Where a tool's variables get their values. */
export interface VariableSource {
  /**
   * The value of a variable local to the request or folder (Postman item variables, Insomnia folder
   * environments, Bruno request and folder vars): filled in, since no workspace environment holds it.
   */
  lookup(name: string): string | undefined
  /**
   * The workspace variable a reference names, when the import carries it in its environments (or
   * collection variables): the reference is kept as `{{name}}`, to be filled in when it is used.
   */
  workspaceVariable?(name: string): string | undefined
  /** Names the tool itself reads from the process environment (Bruno's `process.env.NAME`): the variable to read. */
  environmentVariable?(name: string): string | undefined
}

export type Warn = (message: string) => void

/** Turns a tool's text into TokenDesk values: local variables filled in, workspace variables kept as `{{name}}`. */
export interface TemplateReader {
  /** A value that may also become `{"env": "NAME"}` (only where the tool reads the process environment); undefined when empty. */
  value(raw: string | undefined, field: string): ConfigValue | undefined
  /** Plain text (scopes, names): never an environment reference. Undefined when empty. */
  text(raw: string | undefined, field: string): string | undefined
}

interface Expansion {
  text: string
  /** References neither filled in nor kept as workspace variables, as written. */
  unresolved: string[]
  /** Workspace variables the file names without giving them any value. */
  undefinedVariables: string[]
}

export function templateReader(syntax: TemplateSyntax, source: VariableSource, warn: Warn): TemplateReader {
  const expand = (raw: string, depth: number, budget: { chars: number }): Expansion => {
    const unresolved: string[] = []
    const undefinedVariables: string[] = []
    const expanded = raw.replace(new RegExp(syntax.reference.source, 'g'), (match, written: string) => {
      const name = written.trim()
      const value = source.lookup(name)
      if (value !== undefined && (depth >= MAX_DEPTH || budget.chars <= 0)) {
        unresolved.push(match)
        return match
      }
      if (value !== undefined) {
        const inner = expand(value, depth + 1, budget)
        budget.chars -= inner.text.length
        unresolved.push(...inner.unresolved)
        undefinedVariables.push(...inner.undefinedVariables)
        return inner.text
      }
      const variable = source.workspaceVariable?.(name)
      if (variable !== undefined && VARIABLE_NAME.test(variable)) return `{{${variable}}}`
      if (source.environmentVariable?.(name) === undefined && VARIABLE_NAME.test(name)) {
        undefinedVariables.push(name)
        return `{{${name}}}`
      }
      unresolved.push(match)
      return match
    })
    return { text: expanded, unresolved, undefinedVariables }
  }

  const wholeReference = (value: string): string | undefined =>
    new RegExp(`^(?:${syntax.reference.source})$`).exec(value.trim())?.[1]?.trim()

  const read = (raw: string | undefined, field: string, allowEnv: boolean): ConfigValue | undefined => {
    if (raw === undefined || raw.trim() === '') return undefined
    const whole = allowEnv ? wholeReference(raw) : undefined
    const direct = whole === undefined ? undefined : source.environmentVariable?.(whole)
    if (direct && ENV_NAME.test(direct) && source.lookup(whole!) === undefined) return { env: direct }
    const { text, unresolved, undefinedVariables } = expand(raw, 0, { chars: MAX_EXPANDED_CHARS })
    if (syntax.unsupported && containsTag(text, syntax.unsupported)) {
      warn(
        `"${field}" uses ${syntax.tool} template code TokenDesk cannot run; it was kept as typed. Replace it before use.`,
      )
    }
    if (undefinedVariables.length) {
      const listed = [...new Set(undefinedVariables)].map((name) => `{{${name}}}`).join(', ')
      warn(`"${field}" uses ${listed}, which this file gives no value: set it in the environment before use.`)
    }
    if (unresolved.length) {
      const listed = [...new Set(unresolved)].join(', ')
      warn(`"${field}" keeps ${listed} as typed: TokenDesk cannot fill it in. Replace it before use.`)
    }
    return text
  }

  return {
    value: (raw, field) => read(raw, field, true),
    text: (raw, field) => read(raw, field, false) as string | undefined,
  }
}

/** An `open … close` tag anywhere in the text; indexOf, so a text of repeated `{%` stays linear. */
function containsTag(text: string, tag: { open: string; close: string }): boolean {
  const open = text.indexOf(tag.open)
  return open >= 0 && text.indexOf(tag.close, open + tag.open.length) >= 0
}
