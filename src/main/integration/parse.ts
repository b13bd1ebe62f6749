import type { z } from 'zod'
import { ERR_INTEGRATION_INVALID } from '../../shared/errorCodes'
import { integrationSchema, type Integration } from '../../shared/integration'
import { TokenDeskError } from '../errors'

/**
 * Validates an integration (from a file, an import or the form) and, when it is wrong, says which
 * field and how to fix it — including "did you mean" for a mistyped key.
 */
export function parseIntegration(input: unknown): Integration {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new TokenDeskError(
      ERR_INTEGRATION_INVALID,
      'An integration is a JSON object like {"grant": "client_credentials", "tokenUrl": "https://…"}.',
    )
  }
  const parsed = integrationSchema.safeParse(input)
  if (parsed.success) return parsed.data
  const issue = parsed.error.issues[0]!
  const field = issue.path.map(String).join('.')
  throw new TokenDeskError(ERR_INTEGRATION_INVALID, describeIssue(issue, field), {
    field: field || undefined,
    details: {
      issues: parsed.error.issues.map((each) => ({ field: each.path.join('.'), message: each.message })),
    },
  })
}

function describeIssue(issue: z.core.$ZodIssue, field: string): string {
  const where = field ? `"${field}"` : 'The integration'
  if (issue.code === 'unrecognized_keys') {
    const parent = issue.path.map(String).join('.')
    return issue.keys
      .map((key) => {
        const suggestion = closestKnownKey(key, issue.path)
        const name = parent ? `${parent}.${key}` : key
        return `Unknown field "${name}".${suggestion ? ` Did you mean "${suggestion}"?` : ' Remove it.'}`
      })
      .join(' ')
  }
  if (issue.code === 'invalid_type') {
    return issue.input === undefined
      ? `${where} is required.`
      : `${where} should be ${article(issue.expected)}, not ${describeValue(issue.input)}.`
  }
  if (issue.code === 'invalid_union') {
    return `${where} should be text, or {"env": "VARIABLE_NAME"} to read it from the environment.`
  }
  if (issue.code === 'invalid_value') {
    return `${where} must be one of ${issue.values.map((value) => JSON.stringify(value)).join(', ')}.`
  }
  return `${where}: ${issue.message}`
}

function closestKnownKey(key: string, path: PropertyKey[]): string | undefined {
  let shape: Record<string, unknown> = integrationSchema.shape
  for (const segment of path) {
    const next = unwrap(shape[String(segment)])
    if (!next) return undefined
    shape = next
  }
  const candidates = Object.keys(shape)
  const lower = key.toLowerCase()
  const scored = candidates
    .map((candidate) => ({ candidate, distance: editDistance(lower, candidate.toLowerCase()) }))
    .sort((a, b) => a.distance - b.distance)
  const best = scored[0]
  return best && best.distance <= Math.max(2, Math.floor(key.length / 3)) ? best.candidate : undefined
}

function unwrap(schema: unknown): Record<string, unknown> | undefined {
  let current = schema as { shape?: Record<string, unknown>; unwrap?: () => unknown } | undefined
  while (current && !current.shape && typeof current.unwrap === 'function')
    current = current.unwrap() as typeof current
  return current?.shape
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, index) => index)
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0]!
    row[0] = i
    for (let j = 1; j <= b.length; j++) {
      const saved = row[j]!
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1))
      previous = saved
    }
  }
  return row[b.length]!
}

function article(expected: string): string {
  return expected === 'array' ? 'a list' : expected === 'object' ? 'an object' : `a ${expected}`
}

function describeValue(value: unknown): string {
  if (Array.isArray(value)) return 'a list'
  if (value === null) return 'null'
  return `a ${typeof value}`
}
