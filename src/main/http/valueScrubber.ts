import { Buffer } from 'node:buffer'
import { MASKED } from '../../shared/secretNames'
import { formEncode } from './formEncoding'

/** Shorter values would mask innocent text (a 2-character "secret" matches everywhere). Names still mask them. */
export const MIN_SCRUB_LENGTH = 4
/** Base64 taken at another offset loses up to 3 characters at each end; below this it matches too much. */
const MIN_SHIFTED_LENGTH = 8
/** Bounds the single pass: beyond this many forms the scan would slow every record down. */
export const MAX_NEEDLES = 1024
const MAX_SECRET_LENGTH = 64 * 1024
/**
 * Needles up to this length go into one alternation; longer ones (a 16 KB JWT, a vendor's 60 KB
 * "token") are replaced one by one with split/join — a regex of many long alternatives grows past
 * V8's limit ("Regular expression too large") and slows every scrub down.
 */
const MAX_PATTERN_NEEDLE = 512

/**
 * Replaces every known secret, in every encoding it may travel in, with MASKED — in one pass over
 * the text (an escaped alternation, longest first, so a secret that contains another is masked
 * whole). Secrets may be added as they are learned (from the request sent, the response read).
 */
/** A pattern that matches nothing, for a scrubber whose needles are all long. */
const NOTHING = /(?!)/g

export class ValueScrubber {
  readonly #values = new Set<string>()
  readonly #needles = new Set<string>()
  #pattern: RegExp | undefined
  #long: string[] = []

  constructor(values: Iterable<string> = []) {
    this.learn(values)
  }

  learn(values: Iterable<string>): void {
    for (const value of values) {
      if (value.length < MIN_SCRUB_LENGTH || value.length > MAX_SECRET_LENGTH || this.#values.has(value))
        continue
      this.#values.add(value)
      for (const form of encodedForms(value)) {
        if (form.length < MIN_SCRUB_LENGTH || this.#needles.size >= MAX_NEEDLES) continue
        if (!this.#needles.has(form)) this.#pattern = undefined
        this.#needles.add(form)
      }
    }
  }

  scrub(text: string): string {
    if (this.#needles.size === 0 || text === '') return text
    if (!this.#pattern) {
      const sorted = [...this.#needles].sort((a, b) => b.length - a.length)
      this.#long = sorted.filter((needle) => needle.length > MAX_PATTERN_NEEDLE)
      const short = sorted.filter((needle) => needle.length <= MAX_PATTERN_NEEDLE)
      this.#pattern = short.length ? new RegExp(short.map(escapeRegExp).join('|'), 'g') : NOTHING
    }
    // Longest first, so a secret that contains another is masked whole.
    let result = text
    for (const needle of this.#long) if (result.includes(needle)) result = result.split(needle).join(MASKED)
    return this.#pattern === NOTHING ? result : result.replace(this.#pattern, MASKED)
  }
}

/**
 * The forms a value takes on the wire: plain, percent- and form-encoded, JSON-escaped (with and
 * without `\/`), base64 and base64url — also at the two other byte offsets, which is how it reads
 * inside a longer base64 text such as Basic's base64("id:secret") (RFC 7617), whatever the id.
 */
export function encodedForms(value: string): string[] {
  const jsonEscaped = JSON.stringify(value).slice(1, -1)
  const forms = [
    value,
    encodeURIComponent(value),
    formEncode(value),
    jsonEscaped,
    jsonEscaped.replace(/\//g, '\\/'),
  ]
  // RFC 6749 §2.3.1: Basic carries the form-encoded secret, so its base64 is looked for too.
  for (const bytes of new Set([value, formEncode(value)])) forms.push(...base64Forms(Buffer.from(bytes)))
  return [...new Set(forms)]
}

function base64Forms(bytes: Buffer): string[] {
  const forms: string[] = []
  for (const offset of [0, 1, 2]) {
    const shifted = Buffer.concat([Buffer.alloc(offset), bytes]).toString('base64')
    const total = offset + bytes.length
    // Characters that depend only on the value's bytes: skip those mixed with the bytes before…
    const start = offset === 0 ? 0 : offset === 1 ? 2 : 3
    // …and those mixed with the bytes after (a partial last group).
    const end = 4 * Math.floor(total / 3) + [0, 1, 2][total % 3]!
    const inner = shifted.slice(start, end)
    if (offset === 0) forms.push(shifted, shifted.replace(/=+$/, ''))
    if (inner.length >= MIN_SHIFTED_LENGTH) forms.push(inner)
  }
  return forms.flatMap((form) => [form, form.replace(/\+/g, '-').replace(/\//g, '_')])
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
