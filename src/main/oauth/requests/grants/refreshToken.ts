import type { Grant } from './grant'

/** RFC 6749 §6: trade a refresh token for a new access token (and, with rotation, a new refresh token). */
export const refreshTokenGrant: Grant = {
  grantType: 'refresh_token',
  missing: (resolved, input) =>
    (input.refreshToken ?? resolved.refreshToken)
      ? []
      : [{ field: 'refreshToken', message: 'Paste a refresh token, or get one with another grant first.' }],
  params: (resolved, input) => [
    ['grant_type', 'refresh_token'],
    ['refresh_token', input.refreshToken ?? resolved.refreshToken ?? ''],
  ],
}
