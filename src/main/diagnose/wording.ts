import type { DiagnosisContext } from './context'

/** "Autovit (partner)" → "Autovit": the vendor, as a support agent names it on the phone. */
export function vendorName(context: DiagnosisContext): string | undefined {
  const name = context.preset?.name.replace(/\s*\([^)]*\)\s*$/, '').trim()
  return name || undefined
}

/** The subject of a summary sentence: the vendor's name when known. */
export function who(context: DiagnosisContext): string {
  return vendorName(context) ?? (context.purpose === 'api' ? 'The API' : 'The vendor')
}

/** "Altitude Angel’s developer portal" / "the vendor’s developer portal". */
export function vendorsPortal(context: DiagnosisContext): string {
  const name = vendorName(context)
  return name ? `${name}’s developer portal` : 'the vendor’s developer portal'
}

/** "a", "a and b", "a, b and c". */
export function listWords(words: string[]): string {
  if (words.length <= 1) return words[0] ?? ''
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`
}

/** Names characters so they can be read aloud: "+", "&", a space, "é" (non-ASCII). */
export function listCharacters(chars: string[]): string {
  return listWords(
    chars.map((char) => {
      if (char === 'space' || /^\s$/.test(char)) return 'a space'
      return /^[\x21-\x7e]$/.test(char) ? `"${char}"` : `"${char}" (non-ASCII)`
    }),
  )
}

export function plural(count: number, one: string, many: string): string {
  return count === 1 ? one : many
}

/** A sentence fragment with its final full stop removed, so "(HTTP 400)." can follow it. */
export function withoutFinalStop(text: string): string {
  const collapsed = text.replace(/\s+/g, ' ').trim()
  // A loop, not /[\s.!。]+$/: that regex retries at every space of a long run, quadratic on "a    …x".
  let end = collapsed.length
  while (end > 0 && FINAL_STOPS.has(collapsed[end - 1]!)) end--
  return collapsed.slice(0, end)
}

const FINAL_STOPS = new Set([' ', '.', '!', '。'])

export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}
