/** An error's message as a sentence, to follow a colon in a message of ours. */
export function messageOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error)
  return /[.!?]$/.test(message) ? message : `${message}.`
}
