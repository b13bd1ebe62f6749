import { useEffect, useState } from 'react'
import type { DecodedJwt } from '@shared/jwt'
import { useInspectorStore } from './inspectorStore'

/** The token decoded by main, or null for an opaque token (not a JWT). */
export function useDecodedToken(token: string): DecodedJwt | null {
  const [decoded, setDecoded] = useState<DecodedJwt | null>(null)
  const decodeToken = useInspectorStore((state) => state.decodeToken)
  useEffect(() => {
    let current = true
    void decodeToken(token).then((result) => current && setDecoded(result.ok ? result.value : null))
    return () => {
      current = false
    }
  }, [token, decodeToken])
  return decoded
}
