import { scopeParam, type Grant, type MissingField } from './grant'

/** RFC 6749 §4.3: the user's own username and password (Autovit). */
export const passwordGrant: Grant = {
  grantType: 'password',
  missing: (resolved) => {
    const missing: MissingField[] = []
    if (!resolved.username)
      missing.push({ field: 'username', message: 'Fill in the user’s login (often an email address).' })
    if (!resolved.password) missing.push({ field: 'password', message: 'Fill in the user’s password.' })
    return missing
  },
  params: (resolved) => [
    ['grant_type', 'password'],
    ['username', resolved.username ?? ''],
    ['password', resolved.password ?? ''],
    ...scopeParam(resolved),
  ],
}
