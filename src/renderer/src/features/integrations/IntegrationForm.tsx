import { useEffect, useRef, useState } from 'react'
import { useShallow } from 'zustand/react/shallow'
import type { ClientAuthStyle, Integration } from '@shared/integration'
import type { TokenPreview } from '@shared/ipc/contract'
import { fieldLabel } from '@shared/fieldLabels'
import { SecretField } from '../../ui/SecretField'
import { SignInSettings } from './SignInSettings'
import { SelectField } from '../../ui/SelectField'
import { TextField } from '../../ui/TextField'
import { KeyValueEditor } from '../../ui/KeyValueEditor'
import { ScopeChips } from '../../ui/ScopeChips'
import { textOf, valueOf, type Draft } from './draft'
import { CLIENT_AUTH_OPTIONS, GRANT_OPTIONS, visibleFields } from './fieldVisibility'
import { useEditor } from './editorStore'
import { useIntegrations } from './integrationsStore'
import { DiscoveredEndpoints } from './DiscoveredEndpoints'
import { DpopFields, JwtBearerFields, TokenExchangeFields } from './StandardsFields'
import { VendorFields, keepVendorRows, withoutVendorRows } from './VendorFields'

/** Fields kept in the Advanced section. */
const ADVANCED_FIELDS = new Set(['timeoutMs', 'revocationUrl', 'dpop.enabled', 'dpop.algorithm'])

/** Presets where endpoints come from an issuer: the Issuer field belongs in their main form. */
const ISSUER_PRESETS = new Set(['openid-connect', 'generic-oauth2'])
/** Presets that start from the issuer: it comes first and is required; typed endpoints are overrides. */
const ISSUER_FIRST_PRESETS = new Set(['openid-connect'])

/** The integration as a form: plain labels, help from the vendor's point of view, only the fields that matter. */
export function IntegrationForm({ draft }: { draft: Draft }) {
  const { updateIntegration, update, error, revealSecret, preview } = useEditor(
    useShallow(({ updateIntegration, update, error, revealSecret, preview }) => ({
      updateIntegration,
      update,
      error,
      revealSecret,
      preview,
    })),
  )
  const presets = useIntegrations((state) => state.presets)
  const integration = draft.integration
  const preset = presets.find((each) => each.id === integration.preset)
  const vendorFields = preset?.requiredFields ?? []
  const show = visibleFields(integration)
  const missing = (error?.details?.['missing'] as Array<{ field: string; message: string }> | undefined) ?? []
  // Every field still needed is marked at once, each with its own message.
  const errorFor = (field: string) =>
    missing.find((each) => each.field === field)?.message ??
    (error?.field === field ? error.message : undefined)
  const warningFor = (field: string) => fieldWarning(preview, field)
  const issuerFirst = ISSUER_FIRST_PRESETS.has(integration.preset ?? '')
  const showIssuer =
    ISSUER_PRESETS.has(integration.preset ?? '') || !integration.preset || Boolean(textOf(integration.issuer))
  // Issuer-first: main asks for a Token URL when there is no issuer to discover it from; the issuer is the fix.
  const issuerError = () =>
    errorFor('issuer') ?? (issuerFirst && !text('issuer') ? errorFor('tokenUrl') : undefined)
  const endpointFields = (
    <EndpointFields
      integration={integration}
      show={show}
      overrides={issuerFirst}
      errorFor={errorFor}
      warningFor={warningFor}
      onChange={updateIntegration}
    />
  )
  const vendorUsesBasic = vendorFields.some((field) => field.path.startsWith('basicAuth.'))
  const showBasicOverride = !vendorUsesBasic && (integration.basicAuth !== undefined || !integration.preset)
  const saved = (path: string) => draft.secretsSet.includes(path)
  const text = (field: keyof typeof integration) => textOf(integration[field] as never)
  const grantChoice = show.customGrantName ? 'custom' : integration.grant
  const advancedRef = useRef<HTMLDetailsElement>(null)
  const outcome = useEditor((state) => state.outcome)
  // A hint about a control kept under Advanced opens it, so "Show me" and the user find the control.
  const hintFields = outcome && !outcome.ok ? outcome.diagnosis.hints.map((hint) => hint.field) : []
  const hintsAdvanced = hintFields.some((field) => field && ADVANCED_FIELDS.has(field))
  useEffect(() => {
    if (hintsAdvanced && advancedRef.current) advancedRef.current.open = true
  }, [hintsAdvanced])

  return (
    <form className="form" aria-label="Integration settings" onSubmit={(event) => event.preventDefault()}>
      <TextField
        label="Name"
        value={integration.name ?? ''}
        onChange={(name) => updateIntegration({ name })}
        help="How this integration appears in your list."
      />

      <VendorFields draft={draft} fields={vendorFields} errorFor={errorFor} />

      <section className="form__section" aria-labelledby="section-grant">
        <h2 id="section-grant">How to get a token</h2>
        <SelectField
          label="Grant type"
          value={grantChoice}
          options={[...GRANT_OPTIONS]}
          onChange={(value) => updateIntegration({ grant: value === 'custom' ? 'partner' : value })}
          help="The vendor’s documentation names it, often as grant_type."
        />
        {show.customGrantName && (
          <TextField
            label="Custom grant name"
            value={integration.grant}
            onChange={(grant) => updateIntegration({ grant })}
            help='Sent as grant_type, e.g. "partner". Its fields go under Extra form fields.'
            error={errorFor('grant')}
            warning={warningFor('grant')}
          />
        )}
        {issuerFirst ? (
          <>
            <TextField
              label="Issuer"
              type="url"
              required
              value={text('issuer')}
              onChange={(value) => updateIntegration({ issuer: valueOf(value) })}
              help="Required: the provider’s address, e.g. https://login.example.com. Every endpoint is read from its /.well-known/openid-configuration."
              error={issuerError()}
              warning={warningFor('issuer')}
              monospace
            />
            <DiscoveredEndpoints issuer={text('issuer')} />
          </>
        ) : (
          <>
            {endpointFields}
            {showIssuer && (
              <>
                <TextField
                  label="Issuer (optional)"
                  type="url"
                  value={text('issuer')}
                  onChange={(value) => updateIntegration({ issuer: valueOf(value) })}
                  help="For OpenID Connect providers: endpoints are discovered from it."
                  error={errorFor('issuer')}
                  warning={warningFor('issuer')}
                />
                <DiscoveredEndpoints issuer={text('issuer')} />
              </>
            )}
          </>
        )}
      </section>

      <section className="form__section" aria-labelledby="section-client">
        <h2 id="section-client">Your application’s credentials</h2>
        <SelectField
          label="Send client credentials"
          value={integration.clientAuth ?? 'basic'}
          options={[...CLIENT_AUTH_OPTIONS]}
          onChange={(clientAuth: ClientAuthStyle) => updateIntegration({ clientAuth })}
          help="How the vendor wants the client ID and secret. If a secret with + or & is refused, try “In the form body”."
        />
        {show.clientId && (
          <TextField
            label="Client ID"
            value={text('clientId')}
            onChange={(value) => updateIntegration({ clientId: valueOf(value) })}
            help="Given to you by the vendor."
            error={errorFor('clientId')}
            warning={warningFor('clientId')}
            monospace
          />
        )}
        {show.clientSecret && (
          <SecretField
            label="Client secret"
            value={text('clientSecret')}
            onChange={(value) => updateIntegration({ clientSecret: valueOf(value) })}
            saved={saved('clientSecret')}
            onReveal={() => revealSecret('clientSecret')}
            help="Given to you by the vendor. Stored encrypted; never shown unless you reveal it."
            error={errorFor('clientSecret')}
            warning={warningFor('clientSecret')}
          />
        )}
        {show.clientAssertionKey && (
          <SecretField
            label="Private key (PEM or JWK)"
            multiline
            value={text('clientAssertionKey')}
            onChange={(value) => updateIntegration({ clientAssertionKey: valueOf(value) })}
            saved={saved('clientAssertionKey')}
            onReveal={() => revealSecret('clientAssertionKey')}
            error={errorFor('clientAssertionKey')}
            warning={warningFor('clientAssertionKey')}
          />
        )}
        {showBasicOverride && <BasicOverride draft={draft} />}
      </section>

      {show.userCredentials && (
        <section className="form__section" aria-labelledby="section-user">
          <h2 id="section-user">The user’s sign-in</h2>
          <TextField
            label="Username"
            value={text('username')}
            onChange={(value) => updateIntegration({ username: valueOf(value) })}
            help="Often the user’s email address."
            error={errorFor('username')}
            warning={warningFor('username')}
          />
          <SecretField
            label="Password"
            value={text('password')}
            onChange={(value) => updateIntegration({ password: valueOf(value) })}
            saved={saved('password')}
            onReveal={() => revealSecret('password')}
            error={errorFor('password')}
            warning={warningFor('password')}
          />
        </section>
      )}

      {show.tokenExchange && (
        <TokenExchangeFields key={draft.id ?? 'new'} draft={draft} errorFor={errorFor} />
      )}
      {show.jwtBearer && <JwtBearerFields draft={draft} errorFor={errorFor} />}

      <section className="form__section" aria-labelledby="section-scope">
        <h2 id="section-scope">Permissions</h2>
        <ScopeChips
          scopes={integration.scope ?? []}
          separator={integration.scopeSeparator ?? ' '}
          onChange={(scope) => updateIntegration({ scope })}
          onSeparatorChange={(scopeSeparator) => updateIntegration({ scopeSeparator })}
        />
      </section>

      {(show.redirectUri || show.refreshToken) && (
        <section className="form__section" aria-labelledby="section-consent">
          <h2 id="section-consent">{show.refreshToken ? 'Refresh token' : 'User consent'}</h2>
          {show.redirectUri && (
            <TextField
              label="Redirect URI"
              value={text('redirectUri')}
              onChange={(value) => updateIntegration({ redirectUri: valueOf(value) })}
              help="Must match the one registered with the vendor exactly. Installed apps that show a PIN use urn:ietf:wg:oauth:2.0:oob."
              error={errorFor('redirectUri')}
              warning={warningFor('redirectUri')}
              monospace
            />
          )}
          {show.pkce && (
            <label className="inline">
              <input
                type="checkbox"
                checked={integration.pkce ?? true}
                onChange={(event) => updateIntegration({ pkce: event.target.checked })}
              />{' '}
              Use PKCE (recommended; turn off only if the vendor rejects it)
            </label>
          )}
          {integration.grant === 'authorization_code' && (
            <SignInSettings
              integrationId={draft.id}
              signIn={integration.signIn}
              onChange={(signIn) => updateIntegration({ signIn })}
            />
          )}
          {show.refreshToken && (
            <SecretField
              label="Refresh token"
              value={text('refreshToken')}
              onChange={(value) => updateIntegration({ refreshToken: valueOf(value) })}
              saved={saved('refreshToken')}
              onReveal={() => revealSecret('refreshToken')}
              error={errorFor('refreshToken')}
              warning={warningFor('refreshToken')}
            />
          )}
        </section>
      )}

      <details className="form__section">
        <summary>
          <h2 className="inline-heading">Extra headers and fields</h2>
        </summary>
        <KeyValueEditor
          legend="Token request headers"
          help="Sent with the token request, e.g. x-api-key or Ocp-Apim-Subscription-Key. {{clientId}} and {{clientSecret}} are filled in."
          pairs={withoutVendorRows(draft.tokenHeaders, vendorFields, 'tokenRequest.headers.')}
          onChange={(tokenHeaders) =>
            update((current) => ({
              ...current,
              tokenHeaders: keepVendorRows(
                current.tokenHeaders,
                tokenHeaders,
                vendorFields,
                'tokenRequest.headers.',
              ),
            }))
          }
          savedNames={savedNames(draft, 'tokenRequest.headers.')}
        />
        <KeyValueEditor
          legend="Extra form fields"
          help="Added to the token request body, e.g. audience, resource, partner_code."
          pairs={withoutVendorRows(draft.tokenParams, vendorFields, 'tokenRequest.params.')}
          onChange={(tokenParams) =>
            update((current) => ({
              ...current,
              tokenParams: keepVendorRows(
                current.tokenParams,
                tokenParams,
                vendorFields,
                'tokenRequest.params.',
              ),
            }))
          }
          savedNames={savedNames(draft, 'tokenRequest.params.')}
        />
      </details>

      <details className="form__section">
        <summary>
          <h2 className="inline-heading">Calling the API</h2>
        </summary>
        <TextField
          label="API base URL"
          type="url"
          value={textOf(integration.api?.baseUrl)}
          onChange={(value) => updateIntegration({ api: { ...integration.api, baseUrl: valueOf(value) } })}
          help={
            draft.apiBaseUrlDerived
              ? `Derived from the Token URL’s host (${draft.apiBaseUrlDerived.from}): the preset’s ${draft.apiBaseUrlDerived.presetDefault} is the vendor’s own API. Type another to change it.`
              : 'Where Try the API sends relative paths.'
          }
          warning={warningFor('api.baseUrl')}
        />
        <SelectField
          label="Send the token"
          value={integration.api?.tokenPlacement ?? 'header'}
          options={[
            { value: 'header', label: 'In the Authorization: Bearer header' },
            { value: 'query', label: 'As a URL query parameter' },
          ]}
          onChange={(tokenPlacement) => updateIntegration({ api: { ...integration.api, tokenPlacement } })}
        />
        {integration.api?.tokenPlacement === 'query' && (
          <TextField
            label="Query parameter name"
            value={integration.api?.queryParam ?? 'access_token'}
            onChange={(queryParam) => updateIntegration({ api: { ...integration.api, queryParam } })}
            help="AffinityLive uses _bearer_token."
          />
        )}
        <KeyValueEditor
          legend="API headers"
          help="Sent with every API call, e.g. Ocp-Apim-Subscription-Key."
          pairs={draft.apiHeaders}
          onChange={(apiHeaders) => update((current) => ({ ...current, apiHeaders }))}
          savedNames={savedNames(draft, 'api.headers.')}
        />
        <SelectField
          label="Keep tokens"
          value={draft.tokenStorage}
          options={[
            { value: 'session', label: 'For this session only' },
            { value: 'disk', label: 'Across restarts (encrypted)' },
          ]}
          onChange={(tokenStorage) => update((current) => ({ ...current, tokenStorage }))}
        />
      </details>

      <details className="form__section" ref={advancedRef}>
        <summary>
          <h2 className="inline-heading">Advanced</h2>
        </summary>
        <TimeoutField
          key={draft.id ?? 'new'}
          timeoutMs={integration.timeoutMs}
          onChange={(timeoutMs) => updateIntegration({ timeoutMs })}
          error={errorFor('timeoutMs')}
        />
        {issuerFirst && endpointFields}
        <TextField
          label={fieldLabel('revocationUrl')}
          type="url"
          value={text('revocationUrl')}
          onChange={(value) => updateIntegration({ revocationUrl: valueOf(value) })}
          help="Where Revoke… sends tokens (RFC 7009). Empty: discovered from the issuer."
          error={errorFor('revocationUrl')}
          warning={warningFor('revocationUrl')}
        />
        <DpopFields integration={integration} />
        {!showIssuer && (
          <>
            <TextField
              label="Issuer (optional)"
              type="url"
              value={text('issuer')}
              onChange={(value) => updateIntegration({ issuer: valueOf(value) })}
              help="Only for OpenID Connect providers: endpoints are discovered from it."
              error={errorFor('issuer')}
            />
            <DiscoveredEndpoints issuer={text('issuer')} />
          </>
        )}
        {!showBasicOverride && !vendorUsesBasic && <BasicOverride draft={draft} />}
      </details>
    </form>
  )
}

/**
 * Token URL and, for the grants that use them, the authorize and device authorization URLs. With an
 * issuer-first preset they sit under Advanced as overrides of what discovery found.
 */
function EndpointFields({
  integration,
  show,
  overrides,
  errorFor,
  warningFor,
  onChange,
}: {
  integration: Integration
  show: ReturnType<typeof visibleFields>
  overrides: boolean
  errorFor: (field: string) => string | undefined
  warningFor: (field: string) => string | undefined
  onChange: (patch: Partial<Integration>) => void
}) {
  const override = overrides ? ' Leave empty to use the discovered one.' : ''
  const field = (
    name: 'tokenUrl' | 'authorizeUrl' | 'deviceAuthorizationUrl',
    label: string,
    help: string,
  ) => (
    <TextField
      label={label}
      type="url"
      value={textOf(integration[name])}
      onChange={(value) => onChange({ [name]: valueOf(value) })}
      help={`${help}${override}`.trim() || undefined}
      error={overrides && !textOf(integration[name]) ? undefined : errorFor(name)}
      warning={warningFor(name)}
    />
  )
  return (
    <>
      {field(
        'tokenUrl',
        'Token URL',
        'Where tokens are requested, e.g. https://auth.vendor.com/oauth/token.',
      )}
      {show.authorizeUrl &&
        field('authorizeUrl', 'Authorize URL', 'The page where the user signs in and approves access.')}
      {show.deviceAuthorizationUrl && field('deviceAuthorizationUrl', 'Device authorization URL', '')}
    </>
  )
}

/** The per-request timeout, typed in seconds, kept as `timeoutMs`; empty means the default 30 s. */
function TimeoutField({
  timeoutMs,
  onChange,
  error,
}: {
  timeoutMs: number | undefined
  onChange: (timeoutMs: number | undefined) => void
  error?: string
}) {
  const [typed, setTyped] = useState(timeoutMs === undefined ? '' : String(timeoutMs / 1000))
  return (
    <TextField
      label="Timeout (seconds)"
      type="number"
      value={typed}
      placeholder="30"
      onChange={(value) => {
        setTyped(value)
        const seconds = Number(value)
        onChange(value.trim() === '' || !Number.isFinite(seconds) ? undefined : Math.round(seconds * 1000))
      }}
      help="How long to wait for each answer from the vendor (token, discovery, API). Empty: 30 seconds."
      error={error}
    />
  )
}

/** SkyKick-style: other credentials than the client's in the Basic header. */
function BasicOverride({ draft }: { draft: Draft }) {
  const updateIntegration = useEditor((state) => state.updateIntegration)
  const revealSecret = useEditor((state) => state.revealSecret)
  const basicAuth = draft.integration.basicAuth
  return (
    <div className="stack stack--tight">
      <label className="inline">
        <input
          type="checkbox"
          checked={basicAuth !== undefined}
          onChange={(event) =>
            updateIntegration({
              basicAuth: event.target.checked ? { username: '', password: '' } : undefined,
            })
          }
        />{' '}
        Send other credentials in the Basic header (e.g. SkyKick’s API user ID and subscription key)
      </label>
      {basicAuth && (
        <>
          <TextField
            label="Basic user name"
            value={textOf(basicAuth.username)}
            onChange={(value) => updateIntegration({ basicAuth: { ...basicAuth, username: valueOf(value) } })}
            monospace
          />
          <SecretField
            label="Basic password"
            value={textOf(basicAuth.password)}
            onChange={(value) => updateIntegration({ basicAuth: { ...basicAuth, password: valueOf(value) } })}
            saved={draft.secretsSet.includes('basicAuth.password')}
            onReveal={() => revealSecret('basicAuth.password')}
            help="Also usable in headers as {{basicAuth.password}}."
          />
        </>
      )}
    </div>
  )
}

function savedNames(draft: Draft, prefix: string): string[] {
  return draft.secretsSet.filter((path) => path.startsWith(prefix)).map((path) => path.slice(prefix.length))
}

/** The pre-flight finding about this field, if the request preview found one. */
function fieldWarning(preview: TokenPreview | null, field: string): string | undefined {
  return (
    preview?.fieldWarnings
      .filter((each) => each.field === field)
      .map((each) => each.message)
      .join(' ') || undefined
  )
}
