import type { Preset } from '../../shared/preset'
import { affinityLive } from './affinityLive'
import { altitudeAngel } from './altitudeAngel'
import { autovitPartner, autovitPassword } from './autovit'
import { avionte } from './avionte'
import { skykickDistributor, skykickPartner } from './skykick'
import { genericOAuth, openIdConnect } from './standard'

export const presets: readonly Preset[] = [
  avionte,
  altitudeAngel,
  skykickPartner,
  skykickDistributor,
  autovitPassword,
  autovitPartner,
  affinityLive,
  genericOAuth,
  openIdConnect,
]

export function findPreset(id: string | undefined): Preset | undefined {
  return id === undefined ? undefined : presets.find((preset) => preset.id === id)
}
