import { describe, expect, it } from 'vitest'
import { templateReader } from './templates'

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

  it('keeps a workspace variable as {{name}}, trimmed, and fills in a local one', () => {
    const reader = templateReader(
      syntax,
      { lookup: (name) => (name === 'path' ? '/oauth/token' : undefined), workspaceVariable: (name) => name },
      () => {},
    )
    expect(reader.value('{{ baseUrl }}{{path}}', 'tokenUrl')).toBe('{{baseUrl}}/oauth/token')
  })

  it('never turns a variable without a value into an environment reference, and says where to set it', () => {
    const warnings: string[] = []
    const reader = templateReader(syntax, { lookup: () => undefined }, (message) => warnings.push(message))
    expect(reader.text('{{scopes}}', 'scope')).toBe('{{scopes}}')
    expect(reader.value('{{client_id}}', 'clientId')).toBe('{{client_id}}')
    expect(warnings).toEqual([
      '"scope" uses {{scopes}}, which this file gives no value: set it in the environment before use.',
      '"clientId" uses {{client_id}}, which this file gives no value: set it in the environment before use.',
    ])
  })

  it('reads the process environment only where the tool does', () => {
    const reader = templateReader(
      syntax,
      { lookup: () => undefined, environmentVariable: (name) => /^process\.env\.(.+)$/.exec(name)?.[1] },
      () => {},
    )
    expect(reader.value('{{process.env.CLIENT_SECRET}}', 'clientSecret')).toEqual({ env: 'CLIENT_SECRET' })
    expect(reader.text('{{process.env.SCOPE}}', 'scope')).toBe('{{process.env.SCOPE}}')
  })
})
