/**
 * A real HTTP proxy for tests: Debian's tinyproxy, started on 127.0.0.1 with a config written for the
 * occasion (a free port, optionally Basic proxy authentication), stopped by `close()`. It logs every
 * request line it receives, so a test can assert that a request went through it (or did not).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createConnection, createServer, type AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export interface TinyproxyOptions {
  /** Proxy credentials required of every client (tinyproxy's BasicAuth). */
  basicAuth?: { username: string; password: string }
}

export interface RunningProxy {
  /** http://127.0.0.1:PORT, without credentials. */
  url: string
  port: number
  /** The request lines the proxy received, e.g. "CONNECT 127.0.0.1:4431 HTTP/1.1". */
  requests(): string[]
  close(): Promise<void>
}

const INSTALL_HINT =
  'The proxy tests need tinyproxy, a real HTTP proxy: install it with `apt-get install -y tinyproxy` (CI does so in .ci/run).'

/** Fails (never skips) when tinyproxy is missing: the proxy support is untested without it. */
export function assertTinyproxyInstalled(): void {
  const found = spawnSync('tinyproxy', ['-v'], { stdio: 'ignore' })
  if (found.error || found.status !== 0) throw new Error(INSTALL_HINT)
}

export async function startTinyproxy(options: TinyproxyOptions = {}): Promise<RunningProxy> {
  assertTinyproxyInstalled()
  const dir = mkdtempSync(join(tmpdir(), 'tokendesk-tinyproxy-'))
  const port = await freePort()
  const config = join(dir, 'tinyproxy.conf')
  writeFileSync(
    config,
    [
      `Port ${port}`,
      'Listen 127.0.0.1',
      'Timeout 30',
      'MaxClients 20',
      // Connect level logs each request line: the evidence that a request went through the proxy.
      'LogLevel Connect',
      'Allow 127.0.0.1',
      ...(options.basicAuth ? [`BasicAuth ${options.basicAuth.username} ${options.basicAuth.password}`] : []),
      '',
    ].join('\n'),
  )
  // -d: stay in the foreground and log to stderr, so the process is ours to stop and its log ours to read.
  const child = spawn('tinyproxy', ['-d', '-c', config], { stdio: ['ignore', 'pipe', 'pipe'] })
  let log = ''
  child.stdout.on('data', (chunk: Buffer) => (log += chunk.toString('utf8')))
  child.stderr.on('data', (chunk: Buffer) => (log += chunk.toString('utf8')))
  const stop = () => stopProcess(child).finally(() => rmSync(dir, { recursive: true, force: true }))
  try {
    await acceptsConnections(port, child, () => log)
  } catch (error) {
    await stop()
    throw error
  }
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests: () =>
      [...log.matchAll(/Request \(file descriptor \d+\): ([^\r\n]+)/g)].map((match) => match[1]!),
    close: stop,
  }
}

async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise((resolve) => server.close(resolve))
  return port
}

/** Waits until tinyproxy listens: up to 100 attempts, or until it exits (then its log says why). */
async function acceptsConnections(port: number, child: ChildProcess, log: () => string): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt++) {
    if (child.exitCode !== null) break
    const connected = await new Promise<boolean>((resolve) => {
      const socket = createConnection({ port, host: '127.0.0.1' })
      socket.once('connect', () => {
        socket.destroy()
        resolve(true)
      })
      socket.once('error', () => resolve(false))
    })
    if (connected) return
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  throw new Error(`tinyproxy did not start on 127.0.0.1:${port}. Its log:\n${log()}`)
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
  return new Promise((resolve) => {
    child.once('exit', () => resolve())
    child.kill('SIGTERM')
  })
}
