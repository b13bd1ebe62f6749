import { describe, expect, it } from 'vitest'
import { BruSyntaxError, bruDictionary, bruRecord, parseBruBlocks } from './bruLang'

describe('parseBruBlocks', () => {
  it('keeps braces inside text blocks and ends a block only at a brace at the start of a line', () => {
    const blocks = parseBruBlocks(
      [
        'script:pre-request {',
        '  if (a) {',
        '    b()',
        '  }',
        '}',
        '',
        'body:json {}',
        'vars:secret [',
        '  token',
        ']',
      ].join('\n'),
    )
    expect(blocks.map((block) => [block.name, block.lines.length])).toEqual([
      ['script:pre-request', 3],
      ['body:json', 0],
      ['vars:secret', 1],
    ])
  })

  it('says which line is outside a block, and which block is never closed', () => {
    expect(() => parseBruBlocks('meta {\n  name: x\n}\nstray text')).toThrow(
      new BruSyntaxError('Line 4 is outside any block: "stray text".', 4),
    )
    expect(() => parseBruBlocks('\nauth:oauth2 {\n  grant_type: password\n')).toThrow(
      'The block "auth:oauth2" opened on line 2 is never closed.',
    )
  })
})

describe('bruDictionary', () => {
  it('reads values to the end of the line, disabled entries and multi-line values', () => {
    const [block] = parseBruBlocks(
      [
        'auth:oauth2 {',
        '  access_token_url: https://id.example/token?a=b:c',
        '  ~client_secret: old',
        '  scope: ',
        "  client_secret: '''",
        '    line one',
        '    line two',
        "  '''",
        '}',
      ].join('\n'),
    )
    expect(bruDictionary(block!)).toEqual([
      { key: 'access_token_url', value: 'https://id.example/token?a=b:c', enabled: true },
      { key: 'client_secret', value: 'old', enabled: false },
      { key: 'scope', value: '', enabled: true },
      { key: 'client_secret', value: 'line one\nline two', enabled: true },
    ])
    expect(bruRecord(block)).toEqual({
      access_token_url: 'https://id.example/token?a=b:c',
      scope: '',
      client_secret: 'line one\nline two',
    })
  })
})
