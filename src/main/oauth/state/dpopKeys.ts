import type { DpopAlgorithm } from '../../../shared/integration'
import { dpopKeyOf, type DpopKey } from '../dpop/proofKey'

/** What the integration says about its proof key (its resolved `dpop` block). */
export interface DpopSetting {
  algorithm: DpopAlgorithm
  privateKey?: string
}

/**
 * The proof keys in use, by whose they are (the token cache key). A kept key ("dpop.privateKey") is
 * read as is; while none is kept, one key is made per integration and reused for the session, so a
 * token bound to it stays usable until the new key is kept (`onNewKey`, once per key made).
 */
export class DpopKeys {
  private readonly made = new Map<string, Promise<{ key: DpopKey; algorithm: DpopAlgorithm }>>()

  constructor(private readonly onNewKey?: (owner: string, privateKey: string) => void) {}

  async keyFor(owner: string, setting: DpopSetting): Promise<DpopKey> {
    if (setting.privateKey) return (await dpopKeyOf(setting)).key
    const earlier = this.made.get(owner)
    if (earlier) {
      const { key, algorithm } = await earlier
      if (algorithm === setting.algorithm) return key
    }
    const making = dpopKeyOf(setting).then(({ key, newKeyToKeep }) => {
      if (newKeyToKeep) this.onNewKey?.(owner, newKeyToKeep)
      return { key, algorithm: setting.algorithm }
    })
    this.made.set(owner, making)
    // A key that could not be made is not remembered: the next request tries again.
    making.catch(() => this.made.delete(owner))
    return (await making).key
  }
}
