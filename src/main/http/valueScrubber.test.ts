import { Buffer } from 'node:buffer'
import { describe, expect, it } from 'vitest'
import { MASKED } from '../../shared/secretNames'
import { secretEncodings } from '../../../tests/support/secretEncodings'
import { formEncode } from './formEncoding'
import { ValueScrubber } from './valueScrubber'

const secret = 's3cr+t/=&%é-long'

describe('ValueScrubber', () => {
  it('masks the secret in every encoding it travels in', () => {
    const scrubber = new ValueScrubber([secret])
    for (const form of [
      ...secretEncodings(secret),
      JSON.stringify(secret).slice(1, -1).replace(/\//g, '\\/'),
    ]) {
      expect(scrubber.scrub(`before ${form} after`)).toBe(`before ${MASKED} after`)
    }
  })

  it.each(['a', 'ab', 'abc:', 'partner-1'])(
    'finds the secret inside Basic base64("id:secret"), whatever the id ("%s")',
    (id) => {
      const scrubber = new ValueScrubber([secret])
      for (const inner of [secret, formEncode(secret)]) {
        const basic = Buffer.from(`${id}:${inner}`).toString('base64')
        const scrubbed = scrubber.scrub(`echo: Basic ${basic}`)
        expect(scrubbed).toContain(MASKED)
        // What is left is at most the id's part and a few edge characters: never the secret's bytes.
        const left = scrubbed.replace(`echo: Basic `, '').split(MASKED).join('')
        expect(left.length).toBeLessThanOrEqual(Buffer.from(`${id}:`).toString('base64').length + 4)
      }
    },
  )

  it('masks a secret that contains another one whole', () => {
    const scrubber = new ValueScrubber(['abcd', 'abcd-efgh-ijkl'])
    expect(scrubber.scrub('x abcd-efgh-ijkl y abcd')).toBe(`x ${MASKED} y ${MASKED}`)
  })

  it('treats secrets as text, never as a pattern', () => {
    const scrubber = new ValueScrubber(['a.*b(c|d)+$'])
    expect(scrubber.scrub('aXXb(c|d)+$ and a.*b(c|d)+$')).toBe(`aXXb(c|d)+$ and ${MASKED}`)
  })

  it('leaves values of fewer than four characters to masking by name', () => {
    expect(new ValueScrubber(['abc']).scrub('abc abcabc')).toBe('abc abcabc')
  })

  it('keeps the number of forms it looks for bounded', () => {
    const scrubber = new ValueScrubber(
      Array.from({ length: 2000 }, (_, i) => `secret-${String(i).padStart(4, '0')}`),
    )
    expect(scrubber.scrub('secret-0000')).toBe(MASKED)
    expect(scrubber.scrub('secret-1999')).toBe('secret-1999')
  })

  it('masks every occurrence, where two secrets overlap the one that starts first', () => {
    const scrubber = new ValueScrubber(['abcdef', 'defghi'])
    expect(scrubber.scrub('abcdefghi|defghi|abcdef abcdef')).toBe(
      `${MASKED}ghi|${MASKED}|${MASKED} ${MASKED}`,
    )
  })

  it('masks a secret learned after earlier texts were scrubbed', () => {
    const scrubber = new ValueScrubber(['first-secret'])
    expect(scrubber.scrub('first-secret second-secret')).toBe(`${MASKED} second-secret`)
    scrubber.learn(['second-secret'])
    expect(scrubber.scrub('first-secret second-secret')).toBe(`${MASKED} ${MASKED}`)
  })
})
