import { useEffect, useState } from 'react'
import type { DecodedJwt } from '../../../../shared/jwt'
import { tokendesk } from '../../api/client'

/** The token decoded by main, or null for an opaque token (not a JWT). */
export function useDecodedToken(token: string): DecodedJwt | null {
  const [decoded, setDecoded] = useState<DecodedJwt | null>(null)
  useEffect(() => {
    let current = true
    void tokendesk()
      .jwt.decode({ token })
      .then((result) => current && setDecoded(result.ok ? result.value : null))
    return () => {
      current = false
    }
  }, [token])
  return decoded
}
