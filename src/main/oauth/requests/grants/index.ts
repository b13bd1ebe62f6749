import { authorizationCodeGrant } from './authorizationCode'
import { clientCredentialsGrant } from './clientCredentials'
import { customGrant } from './custom'
import { deviceCodeGrant } from './deviceCode'
import type { Grant } from './grant'
import { jwtBearerSigningGrant } from './jwtBearer'
import { passwordGrant } from './password'
import { refreshTokenGrant } from './refreshToken'
import { tokenExchangeGrant } from './tokenExchange'

const KNOWN: Record<string, Grant> = {
  client_credentials: clientCredentialsGrant,
  password: passwordGrant,
  authorization_code: authorizationCodeGrant,
  refresh_token: refreshTokenGrant,
  device_code: deviceCodeGrant,
  [deviceCodeGrant.grantType]: deviceCodeGrant,
  token_exchange: tokenExchangeGrant,
  [tokenExchangeGrant.grantType]: tokenExchangeGrant,
  jwt_bearer: jwtBearerSigningGrant,
  [jwtBearerSigningGrant.grantType]: jwtBearerSigningGrant,
}

export function grantFor(grant: string): Grant {
  return KNOWN[grant] ?? customGrant(grant)
}

export { refreshTokenGrant }
