import { parseArgs, type ParseArgsConfig } from 'node:util'
import { TokenDeskError } from '../main/errors'
import type { TokenEngine } from '../main/oauth'
import { EXIT_INVALID_INPUT, paint, terminalSafe, type CliIo } from './io'

const USAGE = `tokendesk — OAuth 2.0 tokens from the command line

  tokendesk token  --integration FILE [--code CODE] [--fresh] [--token-store FILE] [--json] [--reveal] [--verbose]
  tokendesk call   --integration FILE [--method M] [--data BODY] [--header "Name: value"]… [--token-store FILE] URL
  tokendesk login  --integration FILE [--no-browser] [--token-store FILE] [--json] [--reveal]
  tokendesk curl   --integration FILE [--reveal] [--code CODE]
  tokendesk decode TOKEN|- [--json]

Tokens are kept per integration in the OS keychain (TOKENDESK_KEYCHAIN=off to stop), or with
--token-store FILE in a file only you can read (encrypted when TOKENDESK_TOKEN_STORE_PASSPHRASE is set).

Exit codes: 0 success, 1 refused by the server, 2 invalid input, 3 network failure.
Integration files: docs/integration.md; schema: docs/integration.schema.json.`

/**
 * Runs one command and returns its exit code. Never throws: errors become a message and code 2.
 * Each command and the engine are import()ed only when run, so `decode` does not load the HTTP
 * engine, the integration schemas or the importers: a CLI in a script pays for what it uses.
 */
export async function runCli(argv: string[], io: CliIo, givenEngine?: TokenEngine): Promise<number> {
  const [command, ...rest] = argv
  // Vendor text reaches every output below: escape what a terminal would act on.
  io = terminalSafe(io, { json: argv.includes('--json') })
  const engine = async () =>
    givenEngine ?? (await import('../main/oauth/engine')).createTokenEngine({ env: io.env })
  try {
    switch (command) {
      case 'token': {
        const { values } = parse(rest, {
          integration: text,
          code: text,
          fresh: flag,
          'token-store': text,
          json: flag,
          reveal: flag,
          verbose: flag,
        })
        const { tokenCommand } = await import('./commands/token')
        return await tokenCommand(
          {
            integration: required(values.integration, '--integration FILE'),
            code: values.code,
            fresh: !!values.fresh,
            tokenStore: values['token-store'],
            json: !!values.json,
            reveal: !!values.reveal,
            verbose: !!values.verbose,
          },
          await engine(),
          io,
        )
      }
      case 'call': {
        const { values, positionals } = parse(rest, {
          integration: text,
          method: text,
          data: text,
          header: list,
          'token-store': text,
          json: flag,
          verbose: flag,
        })
        const { callCommand } = await import('./commands/call')
        return await callCommand(
          {
            integration: required(values.integration, '--integration FILE'),
            url: required(positionals[0], 'the URL to call'),
            method: values.method ?? (values.data ? 'POST' : 'GET'),
            data: values.data,
            headers: values.header ?? [],
            tokenStore: values['token-store'],
            json: !!values.json,
            verbose: !!values.verbose,
          },
          await engine(),
          io,
        )
      }
      case 'login': {
        const { values } = parse(rest, {
          integration: text,
          'no-browser': flag,
          'token-store': text,
          json: flag,
          reveal: flag,
        })
        const { loginCommand } = await import('./commands/login')
        return await loginCommand(
          {
            integration: required(values.integration, '--integration FILE'),
            noBrowser: !!values['no-browser'],
            tokenStore: values['token-store'],
            json: !!values.json,
            reveal: !!values.reveal,
          },
          await engine(),
          io,
        )
      }
      case 'curl': {
        const { values } = parse(rest, { integration: text, reveal: flag, code: text })
        const { curlCommand } = await import('./commands/curl')
        return await curlCommand(
          {
            integration: required(values.integration, '--integration FILE'),
            reveal: !!values.reveal,
            code: values.code,
          },
          await engine(),
          io,
        )
      }
      case 'decode': {
        const { values, positionals } = parse(rest, { json: flag })
        const { decodeCommand } = await import('./commands/decode')
        return await decodeCommand(
          {
            token: required(positionals[0], 'a token, or - to read it from standard input'),
            json: !!values.json,
          },
          io,
        )
      }
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        io.stdout(USAGE + '\n')
        return command === undefined ? EXIT_INVALID_INPUT : 0
      default:
        throw new UsageError(`Unknown command "${command}".`)
    }
  } catch (error) {
    return reportError(error, argv.includes('--json'), io)
  }
}

class UsageError extends Error {}

type Options = NonNullable<ParseArgsConfig['options']>
const text = { type: 'string' } as const
const flag = { type: 'boolean' } as const
const list = { type: 'string', multiple: true } as const

function parse<const O extends Options>(args: string[], options: O) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true })
  } catch (error) {
    throw new UsageError((error as Error).message)
  }
}

function required<T>(value: T | undefined, what: string): T {
  if (value === undefined || value === '') throw new UsageError(`Missing ${what}.`)
  return value
}

function reportError(error: unknown, json: boolean, io: CliIo): number {
  const p = paint(io.color)
  if (error instanceof TokenDeskError || error instanceof UsageError) {
    const data =
      error instanceof TokenDeskError ? error.toData() : { code: 'ERR_USAGE', message: error.message }
    if (json) io.stdout(JSON.stringify({ ok: false, error: data }, null, 2) + '\n')
    else io.stderr(`${p.red('error:')} ${data.message}${error instanceof UsageError ? `\n\n${USAGE}` : ''}\n`)
    return EXIT_INVALID_INPUT
  }
  // Unexpected: say so without a stack trace or any input (which may hold secrets).
  io.stderr(
    `${p.red('error:')} TokenDesk stopped on an internal problem (${error instanceof Error ? error.name : typeof error}); please report it with the command you ran.\n`,
  )
  return 70 // EX_SOFTWARE
}
