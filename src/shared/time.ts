/**
 * "expires in 14 min" / "expired 3 h ago". Pure, so the renderer can tick it every second and the CLI
 * can print the same words.
 */
export function describeExpiry(expEpochSeconds: number, nowMs: number): string {
  const deltaSeconds = Math.round(expEpochSeconds - nowMs / 1000)
  return deltaSeconds >= 0
    ? `expires in ${formatDuration(deltaSeconds)}`
    : `expired ${formatDuration(-deltaSeconds)} ago`
}

export function describeNotBefore(nbfEpochSeconds: number, nowMs: number): string {
  const deltaSeconds = Math.round(nbfEpochSeconds - nowMs / 1000)
  return deltaSeconds > 0
    ? `not valid for another ${formatDuration(deltaSeconds)}`
    : `valid since ${formatDuration(-deltaSeconds)} ago`
}

export function describeIssued(iatEpochSeconds: number, nowMs: number): string {
  const deltaSeconds = Math.round(nowMs / 1000 - iatEpochSeconds)
  return deltaSeconds >= 0
    ? `issued ${formatDuration(deltaSeconds)} ago`
    : `issued ${formatDuration(-deltaSeconds)} in the future`
}

/** Coarse on purpose: people read "14 min", not "14 min 3 s", except under a minute. */
export function formatDuration(totalSeconds: number): string {
  const s = Math.abs(totalSeconds)
  if (s < 60) return `${s} s`
  if (s < 3600) return `${Math.floor(s / 60)} min`
  if (s < 86_400) {
    const hours = Math.floor(s / 3600)
    const minutes = Math.floor((s % 3600) / 60)
    return minutes && hours < 10 ? `${hours} h ${minutes} min` : `${hours} h`
  }
  return `${Math.floor(s / 86_400)} d`
}
