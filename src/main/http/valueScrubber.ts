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
 * Replaces every known secret, in every encoding it may travel in, with MASKED — in one pass over
 * the text, taking at each place the longest secret that starts there, so a secret that contains
 * another is masked whole. Secrets may be added as they are learned (from the request sent, the
 * response read). Each form is found with indexOf, and each is searched for from left to right only
 * once per text, so the work grows linearly with the text: no pattern is compiled per record.
 */
export class ValueScrubber {
  readonly #values = new Set<string>()
  /** Values learned but not yet turned into needles: that work waits for the first text to scrub. */
  #pending: string[] = []
  readonly #needles = new Set<string>()

  constructor(values: Iterable<string> = []) {
    this.learn(values)
  }

  learn(values: Iterable<string>): void {
    for (const value of values) {
      if (value.length < MIN_SCRUB_LENGTH || value.length > MAX_SECRET_LENGTH || this.#values.has(value))
        continue
      this.#values.add(value)
      this.#pending.push(value)
    }
  }

  scrub(text: string): string {
    if (text === '') return text
    this.#addPendingNeedles()
    if (this.#needles.size === 0) return text
    return replaceAll(text, [...this.#needles], MASKED)
  }

  #addPendingNeedles(): void {
    if (this.#pending.length === 0) return
    for (const value of this.#pending) {
      for (const form of encodedForms(value)) {
        if (form.length < MIN_SCRUB_LENGTH || this.#needles.size >= MAX_NEEDLES) continue
        this.#needles.add(form)
      }
    }
    this.#pending = []
  }
}

/** Where a needle next occurs in the text, or -1 once it no longer does. */
interface NextMatch {
  at: number
  needle: string
}

/**
 * Leftmost-longest replacement of every needle: the next matches of all needles wait in a heap
 * ordered by position (then length), and a needle is searched for again only past the text already
 * replaced or copied, so no part of the text is searched twice for the same needle.
 */
function replaceAll(text: string, needles: string[], replacement: string): string {
  const heap: NextMatch[] = []
  for (const needle of needles) {
    const at = text.indexOf(needle)
    if (at >= 0) heapPush(heap, { at, needle })
  }
  if (heap.length === 0) return text
  const parts: string[] = []
  let copiedUpTo = 0
  while (heap.length > 0) {
    const first = heap[0]!
    if (first.at < copiedUpTo) {
      // Overlaps what was just replaced: look for this needle again after it.
      first.at = text.indexOf(first.needle, copiedUpTo)
      if (first.at < 0) heapPop(heap)
      else heapSiftDown(heap, 0)
      continue
    }
    parts.push(text.slice(copiedUpTo, first.at), replacement)
    copiedUpTo = first.at + first.needle.length
    first.at = text.indexOf(first.needle, copiedUpTo)
    if (first.at < 0) heapPop(heap)
    else heapSiftDown(heap, 0)
  }
  parts.push(text.slice(copiedUpTo))
  return parts.join('')
}

function comesFirst(a: NextMatch, b: NextMatch): boolean {
  return a.at < b.at || (a.at === b.at && a.needle.length > b.needle.length)
}

function heapPush(heap: NextMatch[], item: NextMatch): void {
  heap.push(item)
  let index = heap.length - 1
  while (index > 0) {
    const parent = (index - 1) >> 1
    if (!comesFirst(heap[index]!, heap[parent]!)) break
    ;[heap[index], heap[parent]] = [heap[parent]!, heap[index]!]
    index = parent
  }
}

function heapPop(heap: NextMatch[]): void {
  const last = heap.pop()!
  if (heap.length === 0) return
  heap[0] = last
  heapSiftDown(heap, 0)
}

function heapSiftDown(heap: NextMatch[], index: number): void {
  for (;;) {
    const left = 2 * index + 1
    const right = left + 1
    let smallest = index
    if (left < heap.length && comesFirst(heap[left]!, heap[smallest]!)) smallest = left
    if (right < heap.length && comesFirst(heap[right]!, heap[smallest]!)) smallest = right
    if (smallest === index) return
    ;[heap[index], heap[smallest]] = [heap[smallest]!, heap[index]!]
    index = smallest
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
