import { SANDBOX_BADGE } from '../../../shared/sandbox'

/** Marks what came from TokenDesk's practice sandbox, not from a real vendor. */
export function SandboxBadge() {
  return (
    <span
      className="badge badge--sandbox"
      title="TokenDesk’s practice sandbox on this computer, not the vendor"
    >
      {SANDBOX_BADGE}
    </span>
  )
}
