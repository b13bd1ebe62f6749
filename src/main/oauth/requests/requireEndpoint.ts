import { ERR_INTEGRATION_INCOMPLETE } from '../../../shared/errorCodes'
import { TokenDeskError } from '../../errors'

/** The endpoint URL a request goes to, or a refusal naming the field to fill in, before anything is sent. */
export function requireEndpoint(value: string | undefined, field: string, message: string): string {
  if (!value) throw new TokenDeskError(ERR_INTEGRATION_INCOMPLETE, message, { field })
  return value
}
