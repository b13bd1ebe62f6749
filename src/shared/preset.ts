import type { Integration } from './integration'

/** A vendor's documented way of handing out tokens, as a ready-to-fill integration. */
export interface Preset {
  id: string
  name: string
  /** One sentence for the "New from preset" list. */
  description: string
  integration: Integration
  /** Header names (lower-case) the vendor requires on the token call. */
  requiredTokenHeaders: string[]
  scopeSeparator: ' ' | ','
  /** What the vendor documents, checked against what was sent ("what we sent vs what the vendor documents"). */
  documented: string[]
  /** Where the vendor's documentation lives. */
  docsUrl?: string
}
