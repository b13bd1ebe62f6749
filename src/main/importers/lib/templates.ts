import type { ConfigValue } from '../../../shared/integration'

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/
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
  /** The variable's value as the file gives it, or undefined when the file has none. */
  lookup(name: string): string | undefined
  /** Names the tool itself reads from the environment (Bruno's `process.env.NAME`): the variable to read. */
  environmentVariable?(name: string): string | undefined
  /** The environment variable an unresolved whole-value reference reads instead (default: `environmentName`). */
  environmentName?(name: string): string | undefined
}

export type Warn = (message: string) => void

/** Turns a tool's text into TokenDesk values, filling in the variables the file defines. */
export interface TemplateReader {
  /** A value that may also become `{"env": "NAME"}`; undefined when empty. */
  value(raw: string | undefined, field: string): ConfigValue | undefined
  /** Plain text (scopes, names): references without a value stay as typed. Undefined when empty. */
  text(raw: string | undefined, field: string): string | undefined
}

export function templateReader(syntax: TemplateSyntax, source: VariableSource, warn: Warn): TemplateReader {
  const expand = (
    raw: string,
    depth: number,
    budget: { chars: number },
  ): { text: string; unresolved: string[] } => {
    const unresolved: string[] = []
    const expanded = raw.replace(new RegExp(syntax.reference.source, 'g'), (match, name: string) => {
      const value = depth < MAX_DEPTH && budget.chars > 0 ? source.lookup(name.trim()) : undefined
      if (value === undefined) {
        unresolved.push(match)
        return match
      }
      const inner = expand(value, depth + 1, budget)
      budget.chars -= inner.text.length
      unresolved.push(...inner.unresolved)
      return inner.text
    })
    return { text: expanded, unresolved }
  }
  const wholeReference = (value: string): string | undefined =>
    new RegExp(`^(?:${syntax.reference.source})$`).exec(value.trim())?.[1]?.trim()

  const read = (raw: string | undefined, field: string, allowEnv: boolean): ConfigValue | undefined => {
    if (raw === undefined || raw.trim() === '') return undefined
    const { text, unresolved } = expand(raw, 0, { chars: MAX_EXPANDED_CHARS })
    if (syntax.unsupported && containsTag(text, syntax.unsupported)) {
      warn(
        `"${field}" uses ${syntax.tool} template code TokenDesk cannot run; it was kept as typed. Replace it before use.`,
      )
    }
    if (!unresolved.length) return text
    const name = wholeReference(text)
    if (allowEnv && name !== undefined) {
      const direct = source.environmentVariable?.(name)
      if (direct && ENV_NAME.test(direct)) return { env: direct }
      const env = (source.environmentName ?? environmentName)(name)
      if (env) {
        warn(
          `"${field}": the ${syntax.tool} variable ${text.trim()} has no single value in this file, so it now reads the environment variable ${env}. Set it before use.`,
        )
        return { env }
      }
    }
    const listed = [...new Set(unresolved)].join(', ')
    warn(`"${field}" keeps ${listed} as typed: this file gives it no single value. Replace it before use.`)
    return text
  }

  return {
    value: (raw, field) => read(raw, field, true),
    text: (raw, field) => read(raw, field, false) as string | undefined,
  }
}

/**
 * The environment variable an unresolved `{{name}}` reads instead: the same name when it is a valid
 * one, else with every other character replaced by "_". Dynamic variables (Postman's `{{$guid}}`)
 * have no environment counterpart.
 */
export function environmentName(name: string): string | undefined {
  if (ENV_NAME.test(name)) return name
  if (name.startsWith('$') || name === '') return undefined
  const replaced = name.replace(/[^A-Za-z0-9_]/g, '_')
  const candidate = /^[0-9]/.test(replaced) ? `_${replaced}` : replaced
  return /[A-Za-z0-9]/.test(candidate) ? candidate : undefined
}

/** An `open … close` tag anywhere in the text; indexOf, so a text of repeated `{%` stays linear. */
function containsTag(text: string, tag: { open: string; close: string }): boolean {
  const open = text.indexOf(tag.open)
  return open >= 0 && text.indexOf(tag.close, open + tag.open.length) >= 0
}
