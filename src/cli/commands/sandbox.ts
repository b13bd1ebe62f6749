import { mkdir, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import type { Integration } from '../../shared/integration'
import { SANDBOX_BADGE } from '../../shared/sandbox'
import { presets } from '../../main/presets'
import { generateDemoCredentials, type DemoCredentials } from '../../main/sandbox/demoCredentials'
import { oidcUser } from '../../main/sandbox/oidcProvider'
import { startSandbox } from '../../main/sandbox/startSandbox'
import { sandboxTwins } from '../../main/sandbox/twins'
import { collectSecrets, withSecretsFromEnvironment } from '../../main/vault/secretPaths'
import { EXIT_INVALID_INPUT, EXIT_OK, paint, type CliIo } from '../io'

export interface SandboxOptions {
  /** The first server's port; the other five take the next ones. */
  port?: number
  /** Where to write the ready integration files. */
  write?: string
}

/**
 * `tokendesk sandbox`: the app's practice sandbox from a terminal, on 127.0.0.1, until `stopped`
 * resolves (Ctrl+C). Demo credentials are made for this run and printed as shell exports the files name:
 * they open nothing but this sandbox, and only while it runs.
 */
export async function sandboxCommand(
  options: SandboxOptions,
  io: CliIo,
  stopped: Promise<void>,
): Promise<number> {
  const p = paint(io.color)
  if (
    options.port !== undefined &&
    (!Number.isInteger(options.port) || options.port < 1 || options.port > 65_530)
  ) {
    io.stderr(
      `${p.red('error:')} --port takes a port from 1 to 65530 (the sandbox uses it and the next five).\n`,
    )
    return EXIT_INVALID_INPUT
  }
  const credentials = generateDemoCredentials()
  const sandbox = await startSandbox({ credentials, firstPort: options.port })
  try {
    const out: string[] = [
      p.bold('TokenDesk sandbox') + ' — practice servers on this computer only (127.0.0.1).',
      '',
      ...sandbox.servers().map((server) => `  ${server.name.padEnd(18)} ${server.url}`),
      '',
      p.bold(`Demo credentials (${SANDBOX_BADGE} only, made for this run — not real credentials):`),
      ...demoCredentialLines(credentials),
    ]
    const twins = sandboxTwins(presets, sandbox)
    if (options.write) {
      const folder = resolve(options.write)
      await mkdir(folder, { recursive: true })
      // Even demo secrets are not written in clear: the files name environment variables instead.
      const variables = new Map<string, string>()
      const commands: string[] = []
      for (const twin of twins) {
        const path = join(folder, `${twin.preset}.json`)
        const secrets = collectSecrets(twin)
        const file = withSecretsFromEnvironment(twin, secrets.keys(), (secretPath) => {
          const name = demoVariableName(twin.preset ?? 'sandbox', secretPath)
          variables.set(name, secrets.get(secretPath)!)
          return name
        })
        await writeFile(path, JSON.stringify(file, null, 2) + '\n', { mode: 0o600 })
        commands.push(`  tokendesk ${commandFor(twin)} --integration ${path}`)
      }
      out.push('', p.bold('Set the demo credentials in your shell (the files read them from there):'))
      for (const [name, value] of variables) out.push(`  export ${name}=${shellQuoted(value)}`)
      out.push('', p.bold(`Integration files in ${folder}:`), ...commands)
    }
    out.push('', 'Press Ctrl+C to stop.', '')
    io.stdout(out.join('\n'))
    await stopped
    io.stderr('Sandbox stopped.\n')
    return EXIT_OK
  } finally {
    await sandbox.close()
  }
}

/** TOKENDESK_SANDBOX_AVIONTE_BOLD_CLIENTSECRET: the preset and the secret's path, in capitals. */
function demoVariableName(preset: string, secretPath: string): string {
  return `TOKENDESK_SANDBOX_${preset}_${secretPath}`.toUpperCase().replace(/[^A-Z0-9_]/g, '_')
}

/** Single-quoted for sh; demo values are letters and digits, but a quote would still be safe. */
function shellQuoted(value: string): string {
  return `'${value.replaceAll("'", `'\\''`)}'`
}

function commandFor(twin: Integration): string {
  if (twin.grant !== 'authorization_code') return 'token'
  // The PIN page shows a code to paste: `token --code PIN`; the OpenID provider signs in with a browser.
  return twin.redirectUri === 'urn:ietf:wg:oauth:2.0:oob' ? 'token --code PIN' : 'login'
}

function demoCredentialLines(c: DemoCredentials): string[] {
  return [
    `  Avionté BOLD      client ID ${c.avionte.clientId}  client secret ${c.avionte.clientSecret}  API key ${c.avionte.apiKey}`,
    `  Altitude Angel    client ID ${c.altitudeAngel.clientId}  client secret ${c.altitudeAngel.clientSecret}`,
    `                    sign in as ${c.altitudeAngel.username} / ${c.altitudeAngel.password}`,
    `  SkyKick           API user ID ${c.skykick.userId}  subscription key ${c.skykick.subscriptionKey}`,
    `  Autovit           client ID ${c.autovit.clientId}  client secret ${c.autovit.clientSecret}`,
    `                    user ${c.autovit.username} / ${c.autovit.password}  partner ${c.autovit.partnerCode} / ${c.autovit.partnerSecret}`,
    `  AffinityLive      client ID ${c.affinityLive.clientId}  client secret ${c.affinityLive.clientSecret}`,
    `  OpenID provider   machine-client / ${c.openid.machineSecret}  web-client / ${c.openid.webSecret}`,
    `                    sign in as ${oidcUser.login} (any password)`,
  ]
}
