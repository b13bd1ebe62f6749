import { useId, useRef, useState, type FormEvent } from 'react'
import { ERR_INTERNAL } from '@shared/errorCodes'
import type {
  ClaimCheck,
  ExpectedClaims,
  SignatureVerdict,
  VerificationKey,
  VerificationResult,
} from '@shared/jwt'
import type { ErrorData, Result } from '@shared/result'
import { useInspectorStore } from './inspectorStore'
import { SecretField } from '../../ui/SecretField'
import { TextField } from '../../ui/TextField'
import { LocalTime } from '../../ui/LocalTime'
import './verify.css'

type KeyKind = VerificationKey['kind']

interface VerifyPanelProps {
  token: string
  defaults?: { issuer?: string; jwksUrl?: string; audience?: string; scope?: string[] }
  /** Told each verdict (null when the check could not run), so the banner above can follow it. */
  onVerdict?: (verdict: SignatureVerdict | null) => void
}

const KEY_CHOICES: Array<{ kind: KeyKind; label: string }> = [
  { kind: 'issuer', label: 'Issuer’s published keys (discovery)' },
  { kind: 'jwks', label: 'JWKS URL' },
  { kind: 'pem', label: 'Public key (PEM)' },
  { kind: 'jwk', label: 'JWK' },
  { kind: 'hmac', label: 'Shared secret (HMAC)' },
]

/** The input path main names in `error.field` for each kind (the contract's zod schema). */
const KEY_FIELD: Record<KeyKind, string> = {
  issuer: 'key.issuer',
  jwks: 'key.url',
  pem: 'key.text',
  jwk: 'key.text',
  hmac: 'key.secret',
}

const CHECK_NAMES: Record<string, string> = {
  signature: 'Signature',
  'alg-none': 'Algorithm',
  'weak-hmac': 'Secret strength',
  'key-source': 'Key download',
  exp: 'Expiry (exp)',
  nbf: 'Not before (nbf)',
  iat: 'Issued at (iat)',
  iss: 'Issuer (iss)',
  aud: 'Audience (aud)',
  scope: 'Scopes',
}

/** An answer is kept with the token it is about, so a new token never shows the old verdict. */
interface Answer {
  token: string
  outcome: Result<VerificationResult>
}

/** Checks the token's signature with a key the user chooses, then its times, issuer, audience and scopes. */
export function VerifyPanel({ token, defaults, onVerdict }: VerifyPanelProps) {
  const titleId = useId()
  const [kind, setKind] = useState<KeyKind>(
    defaults?.issuer ? 'issuer' : defaults?.jwksUrl ? 'jwks' : 'issuer',
  )
  const [keyText, setKeyText] = useState<Record<KeyKind, string>>({
    issuer: defaults?.issuer ?? '',
    jwks: defaults?.jwksUrl ?? '',
    pem: '',
    jwk: '',
    hmac: '',
  })
  const [audience, setAudience] = useState(defaults?.audience ?? '')
  const [scope, setScope] = useState((defaults?.scope ?? []).join(' '))
  const [pending, setPending] = useState(false)
  const [answer, setAnswer] = useState<Answer | null>(null)
  const latestRequest = useRef(0)
  const verifyToken = useInspectorStore((state) => state.verifyToken)

  const outcome = answer?.token === token ? answer.outcome : null
  const error = outcome && !outcome.ok ? outcome.error : null
  const errorFor = (field: string) => (error && isFieldOf(error, field) ? error.message : undefined)
  const placedElsewhere =
    error && [KEY_FIELD[kind], 'expected.audience', 'expected.scope'].some((f) => isFieldOf(error, f))

  const verify = async (event: FormEvent) => {
    event.preventDefault()
    const request = ++latestRequest.current
    setPending(true)
    const expected = expectedClaims(kind, defaults?.issuer, audience, scope)
    let result: Result<VerificationResult>
    try {
      result = await verifyToken({ token, key: keyFor(kind, keyText[kind]), expected })
    } catch {
      result = {
        ok: false,
        error: { code: ERR_INTERNAL, message: 'TokenDesk could not check the token. Try again.' },
      }
    }
    if (request !== latestRequest.current) return
    setPending(false)
    setAnswer({ token, outcome: result })
    onVerdict?.(result.ok ? result.value.verdict : null)
  }

  return (
    <section className="panel verify" aria-labelledby={titleId} data-testid="verify-panel">
      <div className="panel__header">
        <h2 id={titleId}>Signature and checks</h2>
      </div>
      <form onSubmit={verify} noValidate>
        <fieldset className="verify__choice">
          <legend>Check the signature with</legend>
          {KEY_CHOICES.map((choice) => (
            <label key={choice.kind} className="verify__option">
              <input
                type="radio"
                name={`${titleId}-key`}
                value={choice.kind}
                checked={kind === choice.kind}
                onChange={() => setKind(choice.kind)}
              />{' '}
              {choice.label}
            </label>
          ))}
        </fieldset>

        <KeyInput
          kind={kind}
          value={keyText[kind]}
          onChange={(value) => setKeyText((current) => ({ ...current, [kind]: value }))}
          error={errorFor(KEY_FIELD[kind])}
        />
        <TextField
          label="Expected audience (optional)"
          value={audience}
          onChange={setAudience}
          help="The API the token should be for, as in its aud claim, e.g. https://api.example.com."
          error={errorFor('expected.audience')}
          monospace
        />
        <TextField
          label="Expected scopes (optional)"
          value={scope}
          onChange={setScope}
          help="Separated by spaces, e.g. read:orders write:orders. Compared with the token’s scope or scp claim."
          error={errorFor('expected.scope')}
          monospace
        />
        <div className="row">
          <button
            type="submit"
            className="button button--primary"
            disabled={pending}
            aria-busy={pending || undefined}
          >
            Verify
          </button>
        </div>
      </form>

      <div role="status" data-testid="verify-result" className="verify__status">
        {pending ? <p className="muted">Checking…</p> : outcome?.ok && <Verdict result={outcome.value} />}
      </div>
      {error && !placedElsewhere && (
        <p role="alert" className="callout callout--error" data-testid="verify-error">
          {error.field === 'token' ? <strong>Can’t check this token. </strong> : null}
          {error.message}
        </p>
      )}
      {!pending && outcome?.ok && <CheckList checks={outcome.value.checks} verdict={outcome.value.verdict} />}
    </section>
  )
}

function KeyInput({
  kind,
  value,
  onChange,
  error,
}: {
  kind: KeyKind
  value: string
  onChange: (value: string) => void
  error?: string
}) {
  switch (kind) {
    case 'issuer':
      return (
        <TextField
          label="Issuer URL"
          type="url"
          value={value}
          onChange={onChange}
          help="The token’s iss, e.g. https://login.example.com. Its keys are read from /.well-known/openid-configuration."
          error={error}
          monospace
        />
      )
    case 'jwks':
      return (
        <TextField
          label="Key set (JWKS) URL"
          type="url"
          value={value}
          onChange={onChange}
          help="Where the issuer publishes its public keys; often ends in /jwks, /certs or /keys."
          error={error}
          monospace
        />
      )
    case 'pem':
      return (
        <TextField
          label="Public key or certificate (PEM)"
          multiline
          value={value}
          onChange={onChange}
          placeholder={'-----BEGIN PUBLIC KEY-----\n…\n-----END PUBLIC KEY-----'}
          help="Include the BEGIN and END lines. Never paste the private key: the public key is enough."
          error={error}
          monospace
        />
      )
    case 'jwk':
      return (
        <TextField
          label="Key as JWK (JSON)"
          multiline
          value={value}
          onChange={onChange}
          placeholder='{"kty":"RSA","kid":"…","n":"…","e":"AQAB"}'
          help='One key, or a key set like {"keys":[…]}.'
          error={error}
          monospace
        />
      )
    case 'hmac':
      return (
        <SecretField
          label="Shared secret"
          value={value}
          onChange={onChange}
          saved={false}
          help="The secret the token was signed with (HS256, HS384, HS512). Used for this check only, never saved."
          error={error}
        />
      )
  }
}

/** Banner tone and headline per verdict: green only for a signature that checked out. */
function verdictHeadline(result: VerificationResult, failed: number): { tone: string; headline: string } {
  switch (result.verdict) {
    case 'valid':
      return failed > 0
        ? {
            tone: 'warning',
            headline: `Signature valid, but ${failed} ${failed === 1 ? 'check' : 'checks'} failed`,
          }
        : { tone: 'ok', headline: 'Signature valid' }
    case 'invalid':
      return { tone: 'error', headline: 'Signature invalid' }
    case 'unsigned':
      return { tone: 'error', headline: 'Unsigned token (alg none)' }
    case 'unsupported':
      return { tone: 'warning', headline: 'Not checked: not supported in this build' }
    case 'unchecked':
      return {
        tone: 'warning',
        headline:
          result.uncheckedBecause === 'keys-unreachable'
            ? 'Not checked: keys unreachable'
            : 'Not checked: the key could not be used',
      }
  }
}

function Verdict({ result }: { result: VerificationResult }) {
  const failed = result.checks.filter((check) => !check.ok).length
  const { tone, headline } = verdictHeadline(result, failed)
  return (
    <div
      className={`callout callout--${tone} verify__verdict`}
      data-testid="verify-verdict"
      data-verdict={result.verdict}
      data-tone={tone}
    >
      <strong>{headline}.</strong>{' '}
      {result.verdict === 'valid' ? `Verified with ${result.keyUsed}.` : result.reason}
      {result.alg && (
        <span className="muted">
          {' '}
          (alg {result.alg}
          {result.kid ? `, kid ${result.kid}` : ''})
        </span>
      )}
    </div>
  )
}

/** The signature line says what happened to it; only a signature that was compared can "fail". */
const SIGNATURE_OUTCOME: Record<SignatureVerdict, { state: string; icon: string; words: string }> = {
  valid: { state: 'passed', icon: '✓', words: 'passed' },
  invalid: { state: 'failed', icon: '✗', words: 'failed' },
  unsigned: { state: 'failed', icon: '✗', words: 'none' },
  unchecked: { state: 'unchecked', icon: '?', words: 'not checked' },
  unsupported: { state: 'unchecked', icon: '?', words: 'not supported' },
}

function outcomeOf(check: ClaimCheck, verdict: SignatureVerdict) {
  if (check.id === 'signature') return SIGNATURE_OUTCOME[verdict]
  return check.ok ? SIGNATURE_OUTCOME.valid : SIGNATURE_OUTCOME.invalid
}

function CheckList({ checks, verdict }: { checks: ClaimCheck[]; verdict: SignatureVerdict }) {
  return (
    <ul className="verify__checks" aria-label="Checks" data-testid="verify-checks">
      {checks.map((check) => (
        <CheckItem key={check.id} check={check} outcome={outcomeOf(check, verdict)} />
      ))}
    </ul>
  )
}

function CheckItem({ check, outcome }: { check: ClaimCheck; outcome: ReturnType<typeof outcomeOf> }) {
  return (
    <li className={`verify__check verify__check--${outcome.state}`} data-check={check.id}>
      <span className="verify__icon" aria-hidden="true">
        {outcome.icon}
      </span>
      <span>
        <strong>{CHECK_NAMES[check.id] ?? check.id}</strong>{' '}
        <span className="verify__outcome">{outcome.words}</span>
        <span className="verify__message">
          {check.message}
          {check.at && (
            <>
              {' '}
              (<LocalTime iso={check.at} />)
            </>
          )}
        </span>
      </span>
    </li>
  )
}

function isFieldOf(error: ErrorData, field: string): boolean {
  return error.field === field || (error.field?.startsWith(`${field}.`) ?? false)
}

function keyFor(kind: KeyKind, text: string): VerificationKey {
  switch (kind) {
    case 'issuer':
      return { kind, issuer: text.trim() }
    case 'jwks':
      return { kind, url: text.trim() }
    case 'pem':
    case 'jwk':
      return { kind, text }
    case 'hmac':
      // Spaces may be part of a secret: sent as typed.
      return { kind, secret: text }
  }
}

/** With discovery, main compares iss with the issuer typed above; otherwise with the integration's issuer. */
function expectedClaims(
  kind: KeyKind,
  defaultIssuer: string | undefined,
  audience: string,
  scope: string,
): ExpectedClaims | undefined {
  const scopes = scope.split(/[\s,]+/).filter(Boolean)
  const expected: ExpectedClaims = {
    ...(kind !== 'issuer' && defaultIssuer ? { issuer: defaultIssuer } : {}),
    ...(audience.trim() ? { audience: audience.trim() } : {}),
    ...(scopes.length > 0 ? { scope: scopes } : {}),
  }
  return Object.keys(expected).length > 0 ? expected : undefined
}
