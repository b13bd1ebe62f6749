/** Stable error codes. Callers branch on these, never on message text. */
export const ERR_INVALID_INPUT = 'ERR_INVALID_INPUT'
export const ERR_UNKNOWN_CALL = 'ERR_UNKNOWN_CALL'
export const ERR_FORBIDDEN_SENDER = 'ERR_FORBIDDEN_SENDER'
export const ERR_INTERNAL = 'ERR_INTERNAL'

export const ERR_JWT_MALFORMED = 'ERR_JWT_MALFORMED'
export const ERR_JWT_SIGNATURE_INVALID = 'ERR_JWT_SIGNATURE_INVALID'
