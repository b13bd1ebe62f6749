import { readFile } from 'node:fs/promises'
import { ERR_INTEGRATION_INVALID } from '../shared/errorCodes'
import type { Integration } from '../shared/integration'
import { TokenDeskError } from '../main/errors'
import { parseIntegration } from '../main/integration/parse'

/** Reads and validates an integration file; every failure names the file, the field and the fix. */
export async function loadIntegrationFile(path: string): Promise<Integration> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    throw new TokenDeskError(
      ERR_INTEGRATION_INVALID,
      code === 'ENOENT'
        ? `No file at ${path}. Check the path given to --integration.`
        : `Cannot read ${path} (${code}).`,
      {
        field: 'integration',
      },
    )
  }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (error) {
    throw new TokenDeskError(
      ERR_INTEGRATION_INVALID,
      `${path} is not valid JSON: ${(error as Error).message}. An integration file is JSON, e.g. {"grant": "client_credentials", …}.`,
      {
        field: 'integration',
      },
    )
  }
  try {
    return parseIntegration(json)
  } catch (error) {
    if (error instanceof TokenDeskError) {
      throw new TokenDeskError(error.code, `${path}: ${error.message}`, {
        field: error.field,
        details: error.details,
      })
    }
    throw error
  }
}
