import { execFile, spawn } from 'node:child_process'
import { appendFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { hostname, tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { withFileLock } from './fileLock'

const run = promisify(execFile)

describe('the store file lock', () => {
  it('takes over a lock left behind by a process that died', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'tokendesk-lock-'))
    const store = join(folder, 'vault.json')
    const dead = spawn(process.execPath, ['-e', ''])
    await new Promise((done) => dead.on('exit', done))
    writeFileSync(`${store}.lock`, JSON.stringify({ pid: dead.pid, host: hostname(), at: Date.now() }))
    expect(withFileLock(store, () => 'written')).toBe('written')
    expect(existsSync(`${store}.lock`)).toBe(false)
  })

  it('waits for a live holder to let go, then runs', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'tokendesk-lock-'))
    const store = join(folder, 'history.json')
    const log = join(folder, 'order.log')
    // Another process takes the lock, works a while, notes it finished, and lets go.
    const holder = run(process.execPath, [
      '-e',
      `const fs = require('node:fs')
       fs.writeFileSync(${JSON.stringify(`${store}.lock`)}, JSON.stringify({ pid: process.pid, host: require('node:os').hostname(), at: Date.now() }))
       setTimeout(() => { fs.appendFileSync(${JSON.stringify(log)}, 'holder\\n'); fs.rmSync(${JSON.stringify(`${store}.lock`)}) }, 300)`,
    ])
    while (!existsSync(`${store}.lock`)) await new Promise((next) => setTimeout(next, 5))
    withFileLock(store, () => appendFileSync(log, 'waiter\n'))
    await holder
    expect(readFileSync(log, 'utf8')).toBe('holder\nwaiter\n')
  })
})
