import { closeSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs'
import { hostname } from 'node:os'
import { ERR_STORE_BUSY } from '../../shared/errorCodes'
import { TokenDeskError } from '../errors'

/** A holder that has not let go after this long has died mid-write (writes take milliseconds). */
const STALE_AFTER_MS = 10_000
const GIVE_UP_AFTER_MS = 15_000
const sleeper = new Int32Array(new SharedArrayBuffer(4))

/**
 * Runs `work` while holding `<path>.lock`, so two processes (the app and the CLI, or two windows'
 * worth of main processes) write one store file in turn instead of over each other. The lock file
 * names its holder; one left by a process that died is taken over.
 */
export function withFileLock<T>(path: string, work: () => T, now: () => number = Date.now): T {
  const lockPath = `${path}.lock`
  const holder = JSON.stringify({ pid: process.pid, host: hostname(), at: now() })
  const started = now()
  for (let attempt = 0; ; attempt++) {
    try {
      const fd = openSync(lockPath, 'wx', 0o600)
      writeSync(fd, holder)
      closeSync(fd)
      break
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    }
    if (takeOverIfStale(lockPath, now)) continue
    if (now() - started > GIVE_UP_AFTER_MS)
      throw new TokenDeskError(
        ERR_STORE_BUSY,
        `Another TokenDesk process has been writing ${path} for too long. Close other TokenDesk windows or commands and try again; if none is running, delete ${lockPath}.`,
      )
    Atomics.wait(sleeper, 0, 0, Math.min(2 + attempt, 20))
  }
  try {
    return work()
  } finally {
    rmSync(lockPath, { force: true })
  }
}

function takeOverIfStale(lockPath: string, now: () => number): boolean {
  let text: string
  let modifiedMs: number
  try {
    text = readFileSync(lockPath, 'utf8')
    modifiedMs = statSync(lockPath).mtimeMs
  } catch {
    return true // released meanwhile: try again at once
  }
  if (!isStale(text, modifiedMs, now())) return false
  // Only remove the lock judged stale, not one another process took over in between.
  try {
    if (readFileSync(lockPath, 'utf8') === text) rmSync(lockPath, { force: true })
  } catch {
    // Gone already.
  }
  return true
}

function isStale(text: string, modifiedMs: number, nowMs: number): boolean {
  if (nowMs - modifiedMs > STALE_AFTER_MS) return true
  try {
    const { pid, host } = JSON.parse(text) as { pid?: unknown; host?: unknown }
    if (host !== hostname() || typeof pid !== 'number') return false
    process.kill(pid, 0)
    return false
  } catch (error) {
    // ESRCH: no such process on this machine. A half-written lock (unparsable) waits for the age rule.
    return (error as NodeJS.ErrnoException).code === 'ESRCH'
  }
}
