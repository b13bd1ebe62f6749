import type { TokenEngine } from '../../main/oauth'
import { EXIT_OK, paint, type CliIo } from '../io'
import { loadIntegrationFile } from '../loadIntegration'
import { renderWarnings } from '../render'

/** `tokendesk curl`: the token request as a curl command, secrets masked unless --reveal. Sends nothing. */
export async function curlCommand(
  args: { integration: string; reveal: boolean; code?: string },
  engine: TokenEngine,
  io: CliIo,
): Promise<number> {
  const integration = await loadIntegrationFile(args.integration)
  const preview = await engine.previewTokenRequest(integration, {
    reveal: args.reveal,
    input: { code: args.code },
  })
  if (preview.warnings.length) io.stderr(renderWarnings(preview.warnings, paint(io.color)) + '\n')
  io.stdout(preview.curl + '\n')
  return EXIT_OK
}
