// The tokens kept between runs (the vault, the CLI's token store), without loading the engine.
export { parseLedger, type RefreshTokenLedger } from './state/refreshTokenLedger'
export type { KeptTokens, TokenCache } from './state/tokenCache'
