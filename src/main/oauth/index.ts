// What the rest of TokenDesk uses of the OAuth engine; everything else under oauth/ is its own business.
export {
  createTokenEngine,
  type CachePolicy,
  type EngineDeps,
  type TokenEngine,
  type TokenOptions,
} from './engine'
export type { GrantInput } from './requests/grants/grant'
export { signInAndGetToken, type OpenSignInWindow } from './signIn/signInAndGetToken'
export { signOutUrl } from './signIn/signOutUrl'
export { parseLedger, type RefreshTokenLedger } from './state/refreshTokenLedger'
export { SignInSessions } from './state/signInSessions'
export { TokenCache, type KeptTokens } from './state/tokenCache'
