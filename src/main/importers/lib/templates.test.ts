import { describe, expect, it } from 'vitest'
import { environmentName, templateReader } from './templates'

const syntax = { tool: 'Postman', reference: /\{\{([^{}]+)\}\}/ }

describe('templateReader', () => {
  it('fills in variables that refer to other variables', () => {
    const variables: Record<string, string> = { host: 'https://{{region}}.id.example', region: 'eu' }
    const reader = templateReader(syntax, { lookup: (name) => variables[name] }, () => {})
    expect(reader.value('{{host}}/token', 'tokenUrl')).toBe('https://eu.id.example/token')
  })

  it('stops at a loop of variables and keeps the reference as typed', () => {
    const warnings: string[] = []
    const variables: Record<string, string> = { a: 'x{{b}}', b: '{{a}}' }
    const reader = templateReader(syntax, { lookup: (name) => variables[name] }, (message) =>
      warnings.push(message),
    )
    expect(reader.value('{{a}}', 'clientId')).toMatch(/^(x)+\{\{[ab]\}\}$/)
    expect(warnings).toHaveLength(1)
  })

  it('never turns plain text (scopes) into an environment reference', () => {
    const reader = templateReader(syntax, { lookup: () => undefined }, () => {})
    expect(reader.text('{{scopes}}', 'scope')).toBe('{{scopes}}')
    expect(reader.value('{{scopes}}', 'clientId')).toEqual({ env: 'scopes' })
  })
})

describe('environmentName', () => {
  it('keeps a valid name and replaces what an environment variable name cannot hold', () => {
    expect(environmentName('client_secret')).toBe('client_secret')
    expect(environmentName('client-secret')).toBe('client_secret')
    expect(environmentName('2fa.code')).toBe('_2fa_code')
    expect(environmentName('$guid')).toBeUndefined()
  })
})
