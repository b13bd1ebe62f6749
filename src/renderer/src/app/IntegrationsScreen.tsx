import {
  useEffect,
  useId,
  useRef,
  useState,
  type CSSProperties,
  type KeyboardEvent,
  type ReactNode,
  type RefObject,
} from 'react'
import { useShallow } from 'zustand/react/shallow'
import type { Integration } from '@shared/integration'
import { ApiConsole } from '../features/api/ApiConsole'
import { TokenInfoPanel } from '../features/inspector/TokenInfoPanel'
import { TokenResult } from '../features/inspector/TokenResult'
import { ConsentStep } from '../features/integrations/ConsentStep'
import { DeviceStep } from '../features/integrations/DeviceStep'
import type { Draft } from '../features/integrations/draft'
import { EditorActionBar, EditorError, NeedsYourSecrets } from '../features/integrations/EditorActionBar'
import { useEditor, type EditorView as View } from '../features/integrations/editorStore'
import { focusFormField } from '../features/integrations/focusFormField'
import { IntegrationForm } from '../features/integrations/IntegrationForm'
import { IntegrationList } from '../features/integrations/IntegrationList'
import { useIntegrations } from '../features/integrations/integrationsStore'
import { RequestPreview } from '../features/integrations/RequestPreview'
import { RevokePanel } from '../features/integrations/RevokePanel'
import { useElementWidth } from '../lib/useElementWidth'
import { DiagnosisView } from '../ui/DiagnosisView'
import { Splitter } from '../ui/Splitter'
import { openIntegration } from './openIntegration'

/** Below this width of the editor pane the form and the result do not both fit: the result gets a tab. */
const BESIDE_MIN_WIDTH = 820

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
  /** Shown while no integration is saved (the sandbox's offer). */
  emptyProfileOffer?: ReactNode
  /** The panel of a saved sandbox integration. */
  sandboxPanel?: (integrationId: string) => ReactNode
}) {
  const draft = useEditor((state) => state.draft)
  const profileEmpty = useIntegrations((state) => state.summaries.length === 0)
  const list = (
    <IntegrationList
      onOpen={openIntegration}
      presetMenuWanted={presetMenuWanted}
      onPresetMenuDone={onPresetMenuDone}
    />
  )
  if (!draft) {
    return (
      <div className="split">
        {list}
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
  return (
    <div className="split">
      {list}
      <Editor draft={draft} sandboxPanel={sandboxPanel} />
    </div>
  )
}

/**
 * The form and its result: side by side when the pane is wide enough, else as two tabs. A result
 * that arrives is brought into view (its tab chosen); a refusal brings the form, where it marks fields.
 */
function Editor({
  draft,
  sandboxPanel,
}: {
  draft: Draft
  sandboxPanel?: (integrationId: string) => ReactNode
}) {
  const { outcome, error, view, setView } = useEditor(
    useShallow(({ outcome, error, view, setView }) => ({ outcome, error, view, setView })),
  )
  const [formWidth, setFormWidth] = useState(480)
  const pane = useRef<HTMLElement>(null)
  const resultRef = useRef<HTMLDivElement>(null)
  const errorRef = useRef<HTMLDivElement>(null)
  const width = useElementWidth(pane)
  const tabbed = width !== null && width < BESIDE_MIN_WIDTH

  // The store brought the result's tab (or, for a refusal, the form's) forward: scroll it into view,
  // since below a long form it would otherwise arrive unseen.
  useEffect(() => {
    if (outcome) resultRef.current?.scrollIntoView({ block: 'nearest' })
  }, [outcome])
  useEffect(() => {
    if (error) errorRef.current?.scrollIntoView({ block: 'nearest' })
  }, [error])
  const showField = (label: string) => {
    setView('settings')
    // After the form's tab is shown again.
    requestAnimationFrame(() => focusFormField(label))
  }

  return (
    <section
      ref={pane}
      className={`editor-pane${tabbed ? ' editor-pane--tabbed' : ''}`}
      aria-label="Integration"
    >
      <EditorActionBar />
      <EditorError ref={errorRef} />
      <NeedsYourSecrets needs={draft.needs} />
      <ConsentStep draft={draft} />
      <DeviceStep />
      <EditorTabs tabbed={tabbed} view={view} onView={setView} hasResult={outcome !== null}>
        {(panel) => (
          <div
            className={`editor-columns${tabbed ? '' : ' editor-columns--beside'}`}
            style={{ '--form-width': `${formWidth}px` } as CSSProperties}
          >
            <div className="editor-columns__form" {...panel('settings')}>
              <IntegrationForm draft={draft} />
            </div>
            {!tabbed && (
              <Splitter
                value={formWidth}
                min={320}
                max={900}
                onChange={setFormWidth}
                label="Resize the form and result panes"
              />
            )}
            <div className="editor-columns__result" {...panel('result')}>
              {draft.id && draft.integration.sandbox && sandboxPanel?.(draft.id)}
              <Results draft={draft} resultRef={resultRef} onShowField={showField} />
            </div>
          </div>
        )}
      </EditorTabs>
    </section>
  )
}

type PanelProps = (view: View) => Record<string, unknown>

/** The WAI-ARIA tabs pattern: arrows move between the two tabs; each tab names its panel. */
function EditorTabs({
  tabbed,
  view,
  onView,
  hasResult,
  children,
}: {
  tabbed: boolean
  view: View
  onView: (view: View) => void
  hasResult: boolean
  children: (panel: PanelProps) => ReactNode
}) {
  const id = useId()
  if (!tabbed) return children(() => ({}))
  const tabs: Array<{ view: View; label: string }> = [
    { view: 'settings', label: 'Settings' },
    { view: 'result', label: hasResult ? 'Result' : 'Request and result' },
  ]
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') return
    event.preventDefault()
    const next = view === 'settings' ? 'result' : 'settings'
    onView(next)
    document.getElementById(`${id}-tab-${next}`)?.focus()
  }
  return (
    <>
      <div className="tabs" role="tablist" aria-label="Form or result" onKeyDown={onKeyDown}>
        {tabs.map((tab) => (
          <button
            key={tab.view}
            type="button"
            role="tab"
            id={`${id}-tab-${tab.view}`}
            className="tabs__tab"
            aria-selected={view === tab.view}
            aria-controls={`${id}-panel-${tab.view}`}
            tabIndex={view === tab.view ? 0 : -1}
            onClick={() => onView(tab.view)}
          >
            {tab.label}
          </button>
        ))}
      </div>
      {children((panel) => ({
        role: 'tabpanel',
        id: `${id}-panel-${panel}`,
        'aria-labelledby': `${id}-tab-${panel}`,
        hidden: view !== panel,
      }))}
    </>
  )
}

/** The token or the diagnosis, then what to do with the token, then the request the form would send. */
function Results({
  draft,
  resultRef,
  onShowField,
}: {
  draft: Draft
  resultRef: RefObject<HTMLDivElement | null>
  onShowField: (label: string) => void
}) {
  const outcome = useEditor((state) => state.outcome)
  const revoked = useEditor((state) => state.revocation !== null)
  const preset = useIntegrations((state) =>
    state.presets.find((each) => each.id === draft.integration.preset),
  )
  const { integration } = draft
  return (
    <>
      <div ref={resultRef} className="editor-result">
        {outcome?.ok && (
          <TokenResult
            outcome={outcome}
            requestedScope={integration.scope ?? []}
            issuer={typeof integration.issuer === 'string' ? integration.issuer : undefined}
            jwksUrl={typeof integration.jwksUrl === 'string' ? integration.jwksUrl : undefined}
            audience={requestedAudience(draft)}
          />
        )}
        {outcome && !outcome.ok && (
          <DiagnosisView
            diagnosis={outcome.diagnosis}
            exchange={outcome.exchange}
            warnings={outcome.warnings}
            preset={preset}
            onShowField={onShowField}
          />
        )}
      </div>
      {(outcome?.ok || revoked) && draft.id && (
        <RevokePanel
          canHaveRefresh={
            REFRESHING_GRANTS.has(integration.grant) || Boolean(outcome?.ok && outcome.token.refresh_token)
          }
        />
      )}
      {outcome?.ok && draft.id && (
        <TokenInfoPanel integrationId={draft.id} kinds={tokenInfoKinds(integration)} />
      )}
      {outcome?.ok && draft.id && (
        <ApiConsole
          integrationId={draft.id}
          integration={integration}
          baseUrlFrom={draft.apiBaseUrlDerived?.from}
        />
      )}
      <RequestPreview />
    </>
  )
}

/** Grants whose tokens can come with a refresh token (RFC 6749 §1.5), so revoking one is offered. */
const REFRESHING_GRANTS = new Set(['authorization_code', 'password', 'device_code', 'refresh_token'])

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
