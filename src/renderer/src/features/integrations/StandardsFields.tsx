import { useState } from 'react'
import { DPOP_ALGORITHMS, TOKEN_TYPES, type DpopAlgorithm, type Integration } from '@shared/integration'
import { fieldLabel } from '@shared/fieldLabels'
import { SecretField } from '../../ui/SecretField'
import { SelectField } from '../../ui/SelectField'
import { TextField } from '../../ui/TextField'
import { textOf, valueOf, type Draft } from './draft'
import { useEditor } from './editorStore'

type FieldMessage = (field: string) => string | undefined

/** RFC 8693 §3 token types by their short names; "" leaves the type out (subject: access token). */
const TOKEN_TYPE_OPTIONS: Array<{ value: string; label: string }> = Object.entries(TOKEN_TYPES).map(
  ([name, uri]) => ({ value: uri, label: name.replace('_', ' ') }),
)

/** Space- or comma-separated in the form; a list in the integration. */
function listOf(text: string): string[] {
  return text.split(/[\s,]+/).filter(Boolean)
}

/** A list typed as text: kept as typed (a trailing space stays), saved as its words. */
function ListField({
  label,
  list,
  onChange,
  help,
  error,
}: {
  label: string
  list: string[] | undefined
  onChange: (list: string[]) => void
  help: string
  error?: string
}) {
  const [typed, setTyped] = useState((list ?? []).join(' '))
  return (
    <TextField
      label={label}
      value={typed}
      onChange={(value) => {
        setTyped(value)
        onChange(listOf(value))
      }}
      help={help}
      error={error}
      monospace
    />
  )
}

/** RFC 8693 token exchange: the token to trade (and the actor's), and what to get for it. */
export function TokenExchangeFields({ draft, errorFor }: { draft: Draft; errorFor: FieldMessage }) {
  const updateIntegration = useEditor((state) => state.updateIntegration)
  const revealSecret = useEditor((state) => state.revealSecret)
  const block = draft.integration.tokenExchange ?? {}
  const change = (patch: Partial<NonNullable<Integration['tokenExchange']>>) =>
    updateIntegration({ tokenExchange: { ...block, ...patch } })
  const saved = (path: string) => draft.secretsSet.includes(path)
  const typeSelect = (key: 'subjectTokenType' | 'actorTokenType' | 'requestedTokenType', none: string) => (
    <SelectField
      label={fieldLabel(`tokenExchange.${key}`)}
      value={block[key] ?? ''}
      options={[{ value: '', label: none }, ...TOKEN_TYPE_OPTIONS]}
      onChange={(value) => change({ [key]: value || undefined })}
    />
  )
  return (
    <section className="form__section" aria-labelledby="section-token-exchange">
      <h2 id="section-token-exchange">Token to exchange</h2>
      <SecretField
        label={fieldLabel('tokenExchange.subjectToken')}
        multiline
        value={textOf(block.subjectToken)}
        onChange={(value) => change({ subjectToken: valueOf(value) })}
        saved={saved('tokenExchange.subjectToken')}
        onReveal={() => revealSecret('tokenExchange.subjectToken')}
        help="The token you have, traded for a new one (subject_token)."
        error={errorFor('tokenExchange.subjectToken')}
      />
      {typeSelect('subjectTokenType', 'access token (default)')}
      <SecretField
        label={fieldLabel('tokenExchange.actorToken')}
        multiline
        value={textOf(block.actorToken)}
        onChange={(value) => change({ actorToken: valueOf(value) })}
        saved={saved('tokenExchange.actorToken')}
        onReveal={() => revealSecret('tokenExchange.actorToken')}
        help="Optional: who acts on the subject's behalf (delegation)."
        error={errorFor('tokenExchange.actorToken')}
      />
      {typeSelect('actorTokenType', 'not stated')}
      <ListField
        label={fieldLabel('tokenExchange.audience')}
        list={block.audience}
        onChange={(audience) => change({ audience })}
        help="Optional: the services the new token is for, separated by spaces."
        error={errorFor('tokenExchange.audience')}
      />
      <ListField
        label={fieldLabel('tokenExchange.resource')}
        list={block.resource}
        onChange={(resource) => change({ resource })}
        help="Optional: the URLs the new token is for, separated by spaces."
        error={errorFor('tokenExchange.resource')}
      />
      {typeSelect('requestedTokenType', 'the server decides')}
    </section>
  )
}

/** RFC 7523: an assertion pasted as is, or signed here with the user's private key. */
export function JwtBearerFields({ draft, errorFor }: { draft: Draft; errorFor: FieldMessage }) {
  const updateIntegration = useEditor((state) => state.updateIntegration)
  const revealSecret = useEditor((state) => state.revealSecret)
  const block = draft.integration.jwtBearer ?? {}
  const change = (patch: Partial<NonNullable<Integration['jwtBearer']>>) =>
    updateIntegration({ jwtBearer: { ...block, ...patch } })
  const saved = (path: string) => draft.secretsSet.includes(path)
  const text = (key: 'issuer' | 'subject' | 'audience') => (
    <TextField
      label={fieldLabel(`jwtBearer.${key}`)}
      value={textOf(block[key])}
      onChange={(value) => change({ [key]: valueOf(value) })}
      error={errorFor(`jwtBearer.${key}`)}
      help={key === 'audience' ? 'Empty: the Token URL (RFC 7523 §3).' : undefined}
      monospace
    />
  )
  return (
    <section className="form__section" aria-labelledby="section-jwt-bearer">
      <h2 id="section-jwt-bearer">The assertion</h2>
      <SecretField
        label={fieldLabel('jwtBearer.assertion')}
        multiline
        value={textOf(block.assertion)}
        onChange={(value) => change({ assertion: valueOf(value) })}
        saved={saved('jwtBearer.assertion')}
        onReveal={() => revealSecret('jwtBearer.assertion')}
        help="Paste a ready-made JWT, or leave empty and give a key below to have TokenDesk sign one."
        error={errorFor('jwtBearer.assertion')}
      />
      <SecretField
        label={fieldLabel('jwtBearer.privateKey')}
        multiline
        value={textOf(block.privateKey)}
        onChange={(value) => change({ privateKey: valueOf(value) })}
        saved={saved('jwtBearer.privateKey')}
        onReveal={() => revealSecret('jwtBearer.privateKey')}
        error={errorFor('jwtBearer.privateKey')}
      />
      <SelectField
        label={fieldLabel('jwtBearer.algorithm')}
        value={block.algorithm ?? ''}
        options={[
          { value: '', label: 'From the key (RS256 for RSA)' },
          ...['RS256', 'PS256', 'ES256', 'EdDSA'].map((alg) => ({ value: alg, label: alg })),
        ]}
        onChange={(algorithm) => change({ algorithm: algorithm || undefined })}
      />
      {text('issuer')}
      {text('subject')}
      {text('audience')}
      <TextField
        label={fieldLabel('jwtBearer.expiresInSeconds')}
        type="number"
        value={block.expiresInSeconds === undefined ? '' : String(block.expiresInSeconds)}
        placeholder="300"
        onChange={(value) => {
          const seconds = Number(value)
          change({ expiresInSeconds: value.trim() === '' || !Number.isFinite(seconds) ? undefined : seconds })
        }}
        error={errorFor('jwtBearer.expiresInSeconds')}
      />
    </section>
  )
}

/** RFC 9449: binds the token to a key TokenDesk makes and keeps, proved on every request. */
export function DpopFields({ integration }: { integration: Integration }) {
  const updateIntegration = useEditor((state) => state.updateIntegration)
  const dpop = integration.dpop ?? {}
  return (
    <>
      <label className="inline">
        <input
          type="checkbox"
          checked={dpop.enabled === true}
          onChange={(event) => updateIntegration({ dpop: { ...dpop, enabled: event.target.checked } })}
        />{' '}
        {fieldLabel('dpop.enabled')} — RFC 9449: the token works only with a key TokenDesk keeps
      </label>
      {dpop.enabled && (
        <SelectField<DpopAlgorithm>
          label={fieldLabel('dpop.algorithm')}
          value={dpop.algorithm ?? 'ES256'}
          options={DPOP_ALGORITHMS.map((alg) => ({ value: alg, label: alg }))}
          onChange={(algorithm) => updateIntegration({ dpop: { ...dpop, algorithm } })}
        />
      )}
    </>
  )
}
