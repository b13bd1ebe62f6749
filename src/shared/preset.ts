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
  /**
   * Values the vendor requires beyond the standard fields, with the vendor's own names: shown at the
   * top of the form and checked before anything is sent.
   */
  requiredFields?: RequiredField[]
}

/** A value the vendor requires, where it goes in the integration, and how the vendor calls it. */
export interface RequiredField {
  /** `tokenRequest.headers.<name>`, `tokenRequest.params.<name>`, `basicAuth.username` or `basicAuth.password`. */
  path: string
  /** The label the form shows, in the vendor's words. */
  label: string
  /** Where it is sent and who gives it to you. */
  help: string
  secret: boolean
}
