import { z } from 'zod'
import { INTEGRATION_FORMAT, integrationSchema } from '../src/shared/integration'

/** The published JSON Schema of the integration format, derived from the zod schema (one source of truth). */
export function integrationJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(integrationSchema, { target: 'draft-2020-12', io: 'input' }),
    $id: 'https://tokendesk.dev/schemas/integration-1.json',
    title: `TokenDesk integration (${INTEGRATION_FORMAT})`,
  }
}
