import { useEffect, useRef, useState, type CSSProperties, type ReactNode } from 'react'
import type { Integration } from '../../../../shared/integration'
import { DiagnosisView } from '../diagnosis/DiagnosisView'
import { TokenResult } from '../inspector/TokenResult'
import { ApiConsole } from '../api/ApiConsole'
import { TokenInfoPanel } from '../inspector/TokenInfoPanel'
import { IntegrationForm } from './IntegrationForm'
import { IntegrationList, confirmLeavingEditor } from './IntegrationList'
import { RequestPreview } from './RequestPreview'
import { Elapsed } from '../../ui/Elapsed'
import { Splitter } from '../../ui/Splitter'
import { ConsentStep } from './ConsentStep'
import { DeviceStep } from './DeviceStep'
import type { Draft } from './draft'
import { useEditor } from './editorStore'
import { useIntegrations } from './integrationsStore'
import { ERR_WORKSPACE_CONFLICT } from '../../../../shared/errorCodes'

/** Configure an integration by form, get a token, read the result or the diagnosis, try the API. */
export function IntegrationsScreen({
  presetMenuWanted = false,
  onPresetMenuDone,
  emptyProfileOffer,
  sandboxPanel,
}: {
  /** The command palette asked for the preset menu. */
  presetMenuWanted?: boolean
  onPresetMenuDone?: () => void
  /** Shown while no integration is saved (app/ composes the sandbox's offer in). */
  emptyProfileOffer?: ReactNode
  /** The panel of a saved sandbox integration (app/ composes it in). */
  sandboxPanel?: (integrationId: string) => ReactNode
}) {
  const { draft, dirty, busy, error, outcome, save, getToken, cancel, open, reloadFromDisk } = useEditor()
  const { select, refresh } = useIntegrations()
  const profileEmpty = useIntegrations((state) => state.summaries.length === 0)
  const [formWidth, setFormWidth] = useState(480)
  const resultRef = useRef<HTMLDivElement>(null)
  const errorRef = useRef<HTMLDivElement>(null)

  // A new result is brought into view: below a long form it would otherwise arrive unseen.
  useEffect(() => {
    if (outcome) resultRef.current?.scrollIntoView({ block: 'nearest' })
  }, [outcome])
  useEffect(() => {
    if (error) errorRef.current?.scrollIntoView({ block: 'nearest' })
  }, [error])

  const openIntegration = (id: string) => {
    if (!confirmLeavingEditor()) return
    select(id)
    void open(id)
  }

  useEffect(() => {
    if (draft?.id) select(draft.id)
  }, [draft?.id, select])

  if (!draft) {
    return (
      <div className="split">
        <IntegrationList
          onOpen={openIntegration}
          presetMenuWanted={presetMenuWanted}
          onPresetMenuDone={onPresetMenuDone}
        />
        <section className="editor-pane editor-pane--empty" aria-label="Integration">
          <h2>Set up an integration</h2>
          <p>
            Pick “New from preset” and choose your vendor — Avionté, Altitude Angel, SkyKick, Autovit or
            AffinityLive come ready-made. For any other vendor choose Generic OAuth 2.0, or OpenID Connect if
            it has a discovery URL.
          </p>
          <p className="muted">
            Or paste a token in the Token inspector to read it without setting anything up.
          </p>
          {profileEmpty && emptyProfileOffer}
        </section>
      </div>
    )
  }

  const saveAndRefresh = async () => {
    if (await save()) await refresh()
  }

  return (
    <div className="split">
      <IntegrationList
        onOpen={openIntegration}
        presetMenuWanted={presetMenuWanted}
        onPresetMenuDone={onPresetMenuDone}
      />
      <section className="editor-pane" aria-label="Integration">
        <div className="action-bar">
          <h2 className="action-bar__title">{draft.integration.name || 'New integration'}</h2>
          {dirty && <span className="badge">Unsaved</span>}
          <button
            type="button"
            className="button"
            onClick={() => void saveAndRefresh()}
            disabled={busy !== 'idle'}
          >
            Save
          </button>
          {busy === 'fetching' ? (
            <>
              <Elapsed doing="Getting token" />
              <button type="button" className="button" onClick={cancel}>
                Cancel
              </button>
            </>
          ) : (
            <button
              type="button"
              className="button button--primary"
              onClick={() => void getToken().then(refresh)}
              disabled={busy !== 'idle'}
              aria-keyshortcuts="Control+Enter Meta+Enter"
            >
              Get token
            </button>
          )}
        </div>
        {error && (
          <div
            ref={errorRef}
            className="callout callout--error editor-result"
            role="alert"
            data-testid="editor-error"
          >
            {error.message}
            {error.code === ERR_WORKSPACE_CONFLICT && (
              <div className="row">
                <button type="button" className="button button--small" onClick={() => void reloadFromDisk()}>
                  Reload from disk
                </button>
                <button
                  type="button"
                  className="button button--small"
                  onClick={() => void save({ overwrite: true }).then((id) => (id ? refresh() : undefined))}
                >
                  Keep mine
                </button>
              </div>
            )}
          </div>
        )}
        {draft.needs && draft.needs.length > 0 && (
          <p className="callout callout--warning editor-result" data-testid="needs-your-secrets">
            Needs your {draft.needs.join(', ')}: the workspace shares this integration without secrets. Type
            yours below and save; it stays in your vault.
          </p>
        )}
        <ConsentStep draft={draft} />
        <DeviceStep />
        <div className="editor-columns" style={{ '--form-width': `${formWidth}px` } as CSSProperties}>
          <div className="editor-columns__form">
            <IntegrationForm draft={draft} />
          </div>
          <Splitter
            value={formWidth}
            min={320}
            max={900}
            onChange={setFormWidth}
            label="Resize the form and result panes"
          />
          <div className="editor-columns__result">
            {draft.id && draft.integration.sandbox && sandboxPanel?.(draft.id)}
            <div ref={resultRef} className="editor-result">
              {outcome?.ok && (
                <TokenResult
                  outcome={outcome}
                  requestedScope={draft.integration.scope ?? []}
                  issuer={typeof draft.integration.issuer === 'string' ? draft.integration.issuer : undefined}
                  jwksUrl={
                    typeof draft.integration.jwksUrl === 'string' ? draft.integration.jwksUrl : undefined
                  }
                  audience={requestedAudience(draft)}
                />
              )}
              {outcome && !outcome.ok && (
                <DiagnosisView
                  diagnosis={outcome.diagnosis}
                  exchange={outcome.exchange}
                  warnings={outcome.warnings}
                  presetId={draft.integration.preset}
                  showFields
                />
              )}
            </div>
            {outcome?.ok && draft.id && (
              <TokenInfoPanel integrationId={draft.id} kinds={tokenInfoKinds(draft.integration)} />
            )}
            {outcome?.ok && draft.id && (
              <ApiConsole integrationId={draft.id} integration={draft.integration} />
            )}
            <RequestPreview />
          </div>
        </div>
      </section>
    </div>
  )
}

/** Introspection and userinfo are offered when the integration has (or can discover) those endpoints. */
function tokenInfoKinds(integration: Integration): Array<'introspection' | 'userinfo'> {
  const discovered = Boolean(integration.issuer)
  const kinds: Array<'introspection' | 'userinfo'> = []
  if (discovered || integration.introspectionUrl) kinds.push('introspection')
  if (discovered || integration.userinfoUrl) kinds.push('userinfo')
  return kinds
}

/** The audience the token was asked for (RFC 8707 resource or the common audience field), to compare with aud. */
function requestedAudience(draft: Draft): string | undefined {
  const asked = draft.tokenParams.find(([name]) => name === 'audience' || name === 'resource')?.[1]
  return asked || undefined
}
