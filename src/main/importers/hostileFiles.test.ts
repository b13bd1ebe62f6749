import { describe, expect, it } from 'vitest'
import { importIntegrations } from './index'

const oauth2 = {
  grantType: 'client_credentials',
  accessTokenUrl: 'https://auth.example.com/token',
  clientId: 'deep-client',
  clientSecret: '',
}

/** A Bruno collection whose one request sits `depth` folders down, written as text (no recursion). */
function deepBrunoCollection(depth: number): string {
  const request = JSON.stringify({
    type: 'http-request',
    name: 'Deep request',
    request: { url: 'https://api.example.com', auth: { mode: 'oauth2', oauth2 } },
  })
  const open = '{"type":"folder","name":"f","items":['
  return `{"name":"Deep","version":"1","items":[${open.repeat(depth)}${request}${']}'.repeat(depth)}]}`
}

describe('hostile import files', () => {
  it('reads a Bruno collection nested 20,000 folders deep without overflowing, and says what it left out', () => {
    const result = importIntegrations({ fileName: 'deep.json', text: deepBrunoCollection(20_000) })
    expect(result.format).toBe('bruno')
    expect(result.integrations).toEqual([])
    expect(result.warnings).toContain(
      'Folders nested more than 64 levels deep were not read; move their requests higher up to import them.',
    )
  })

  it('still imports a request a few folders down', () => {
    const result = importIntegrations({ fileName: 'shallow.json', text: deepBrunoCollection(5) })
    expect(result.integrations.map((each) => each.clientId)).toEqual(['deep-client'])
  })

  it('imports Insomnia request groups whose parent is unknown, missing or themselves, each once', () => {
    const auth = {
      type: 'oauth2',
      grantType: 'client_credentials',
      accessTokenUrl: 'https://a.example/token',
    }
    const file = {
      _type: 'export',
      __export_format: 4,
      resources: [
        { _id: 'wrk_1', _type: 'workspace', name: 'W' },
        { _id: 'fld_orphan', _type: 'request_group', parentId: 'fld_gone', name: 'Orphan' },
        { _type: 'request_group', parentId: 'fld_gone', name: 'No id' },
        { _id: 'fld_self', _type: 'request_group', parentId: 'fld_self', name: 'Self' },
        { _id: 'fld_a', _type: 'request_group', parentId: 'fld_b', name: 'A' },
        { _id: 'fld_b', _type: 'request_group', parentId: 'fld_a', name: 'B' },
        {
          _id: 'req_1',
          _type: 'request',
          parentId: 'fld_orphan',
          name: 'Token',
          authentication: { ...auth, clientId: 'orphan-client' },
        },
        {
          _id: 'req_2',
          _type: 'request',
          parentId: 'fld_self',
          name: 'Self token',
          authentication: { ...auth, clientId: 'self-client' },
        },
      ],
    }
    const result = importIntegrations({ fileName: 'insomnia.json', text: JSON.stringify(file) })
    expect(result.integrations.map((each) => each.clientId)).toEqual(['orphan-client'])
  })

  it('does not take Object.prototype for a variable named "constructor"', () => {
    const file = {
      info: { name: 'C', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' },
      auth: {
        type: 'oauth2',
        oauth2: [
          { key: 'grant_type', value: 'client_credentials' },
          { key: 'accessTokenUrl', value: 'https://a.example/token' },
          { key: 'clientId', value: '{{constructor}}' },
        ],
      },
      item: [],
    }
    const result = importIntegrations({ fileName: 'c.postman_collection.json', text: JSON.stringify(file) })
    expect(result.integrations[0]!.clientId).toBe('{{constructor}}')
    expect(structuredClone(result)).toEqual(result)
  })

  it('keeps a billion-laughs chain of Postman variables to a bounded expansion', () => {
    const variable = Array.from({ length: 10 }, (_, level) => ({
      key: `v${level}`,
      value: level === 9 ? 'ha' : `{{v${level + 1}}}`.repeat(10),
    }))
    const file = {
      info: { name: 'L', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' },
      variable,
      auth: {
        type: 'oauth2',
        oauth2: [
          { key: 'grant_type', value: 'client_credentials' },
          { key: 'accessTokenUrl', value: 'https://a.example/token' },
          { key: 'clientId', value: '{{v0}}' },
        ],
      },
      item: [],
    }
    const result = importIntegrations({ fileName: 'l.postman_collection.json', text: JSON.stringify(file) })
    expect(JSON.stringify(result).length).toBeLessThan(1024 * 1024)
  })
})

describe('hostile YAML files', () => {
  const message = (text: string, fileName = 'export.yaml') => {
    try {
      importIntegrations({ fileName, text })
    } catch (error) {
      return error instanceof Error ? error.message : String(error)
    }
    throw new Error('expected the file to be refused')
  }

  it('refuses a billion-laughs alias bomb, saying why', () => {
    const lines = [
      'type: collection.insomnia.rest/5.0',
      'a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]',
    ]
    for (let level = 1; level < 10; level++) {
      const previous = `*a${level - 1}`
      lines.push(`a${level}: &a${level} [${Array(9).fill(previous).join(', ')}]`)
    }
    expect(message(lines.join('\n'))).toBe(
      '"export.yaml" repeats its YAML aliases (*name) too often to be read; it is not an export TokenDesk can read.',
    )
  })

  it('refuses YAML nested 100,000 levels deep in flow or block style without overflowing', () => {
    expect(
      message(`type: collection.insomnia.rest/5.0\nx: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`),
    ).toMatch(/^"export\.yaml" nests more than 400 levels deep \(line 2\)/)
    expect(message(`type: collection.insomnia.rest/5.0\nx: ${'- '.repeat(100_000)}a\n`)).toMatch(
      /nests more than 400 levels deep/,
    )
    const indented = Array.from({ length: 2_000 }, (_, level) => `${' '.repeat(level)}k${level}:`).join('\n')
    expect(message(`type: collection.insomnia.rest/5.0\nx:\n${indented}\n`)).toMatch(
      /nests more than 400 levels deep/,
    )
  })

  it('reads braces inside a request body as text, not as nesting', () => {
    const body = '{'.repeat(1_000)
    const text = [
      'type: collection.insomnia.rest/5.0',
      'name: Braces',
      'collection:',
      '  - name: Token',
      '    body:',
      '      text: |-',
      `        ${body}`,
      '    authentication:',
      '      type: oauth2',
      '      grantType: client_credentials',
      '      accessTokenUrl: https://id.example/token',
      '      clientId: braces',
    ].join('\n')
    expect(
      importIntegrations({ fileName: 'braces.yaml', text }).integrations.map((each) => each.clientId),
    ).toEqual(['braces'])
  })

  it('refuses YAML over 10 MB before parsing it', () => {
    const text = `type: collection.insomnia.rest/5.0\nname: "${'x'.repeat(10 * 1024 * 1024)}"\n`
    expect(message(text)).toBe('"export.yaml" is larger than 10 MB of YAML; export fewer requests at a time.')
  })

  it('names the line and column of malformed YAML', () => {
    expect(message('type: collection.insomnia.rest/5.0\nname: [unclosed\ncollection: []\n')).toMatch(
      /^"export\.yaml" is not valid YAML \(line \d+, column \d+\): /,
    )
  })
})
