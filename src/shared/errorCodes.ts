/** Stable error codes. Callers branch on these, never on message text. */
export const ERR_INVALID_INPUT = 'ERR_INVALID_INPUT'
export const ERR_UNKNOWN_CALL = 'ERR_UNKNOWN_CALL'
export const ERR_FORBIDDEN_SENDER = 'ERR_FORBIDDEN_SENDER'
export const ERR_INTERNAL = 'ERR_INTERNAL'

export const ERR_JWT_MALFORMED = 'ERR_JWT_MALFORMED'

export const ERR_INTEGRATION_INVALID = 'ERR_INTEGRATION_INVALID'
export const ERR_INTEGRATION_INCOMPLETE = 'ERR_INTEGRATION_INCOMPLETE'
export const ERR_ENV_MISSING = 'ERR_ENV_MISSING'
export const ERR_TEMPLATE_UNKNOWN_FIELD = 'ERR_TEMPLATE_UNKNOWN_FIELD'
export const ERR_CLIENT_ASSERTION_KEY = 'ERR_CLIENT_ASSERTION_KEY'
export const ERR_STATE_MISMATCH = 'ERR_STATE_MISMATCH'
export const ERR_REDIRECT_MISMATCH = 'ERR_REDIRECT_MISMATCH'
export const ERR_AUTHORIZATION_DENIED = 'ERR_AUTHORIZATION_DENIED'
export const ERR_DISCOVERY_FAILED = 'ERR_DISCOVERY_FAILED'
export const ERR_RESPONSE_TOO_LARGE = 'ERR_TOKENDESK_TOO_LARGE'

export const ERR_PASSPHRASE_WRONG = 'ERR_PASSPHRASE_WRONG'
export const ERR_PASSPHRASE_REQUIRED = 'ERR_PASSPHRASE_REQUIRED'
export const ERR_INTEGRATION_NOT_FOUND = 'ERR_INTEGRATION_NOT_FOUND'
export const ERR_IMPORT_UNRECOGNIZED = 'ERR_IMPORT_UNRECOGNIZED'
export const ERR_IMPORT_MALFORMED = 'ERR_IMPORT_MALFORMED'
/** A picked collection folder holds more files, bytes or levels than an import reads. */
export const ERR_IMPORT_TOO_LARGE = 'ERR_IMPORT_TOO_LARGE'
export const ERR_DEVICE_AUTHORIZATION = 'ERR_DEVICE_AUTHORIZATION'
export const ERR_CANCELLED = 'ERR_CANCELLED'
export const ERR_ISSUER_MISMATCH = 'ERR_ISSUER_MISMATCH'
export const ERR_SIGN_IN_ALREADY_COMPLETED = 'ERR_SIGN_IN_ALREADY_COMPLETED'
export const ERR_SIGN_IN_TIMEOUT = 'ERR_SIGN_IN_TIMEOUT'
export const ERR_SIGN_IN_CLOSED = 'ERR_SIGN_IN_CLOSED'
export const ERR_NOT_A_CODE = 'ERR_NOT_A_CODE'
export const ERR_PROXY_URL_INVALID = 'ERR_PROXY_URL_INVALID'
export const ERR_PROXY_AUTH_REQUIRED = 'ERR_PROXY_AUTH_REQUIRED'
export const ERR_PROXY_REFUSED = 'ERR_PROXY_REFUSED'
/** Another process held a store file's lock for too long. */
export const ERR_STORE_BUSY = 'ERR_STORE_BUSY'
/** The CLI's token store (keychain or --token-store file) cannot be used. */
export const ERR_TOKEN_STORE = 'ERR_TOKEN_STORE'
/** The DPoP proof key (RFC 9449) cannot be made, read or used with the chosen algorithm. */
export const ERR_DPOP_KEY = 'ERR_DPOP_KEY'
/** A DPoP proof was asked for a target that is not an http(s) URL, or a method that is not one. */
export const ERR_DPOP_TARGET = 'ERR_DPOP_TARGET'
/** The key that signs a JWT bearer assertion (RFC 7523) cannot be read or does not fit the algorithm. */
export const ERR_ASSERTION_KEY = 'ERR_ASSERTION_KEY'
/** A JWT bearer assertion lacks a claim it must carry (iss, sub, aud) or has an impossible lifetime. */
export const ERR_ASSERTION_CLAIMS = 'ERR_ASSERTION_CLAIMS'
