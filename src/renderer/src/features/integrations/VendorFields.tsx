import type { RequiredField } from '@shared/preset'
import { SecretField } from '../../ui/SecretField'
import { TextField } from '../../ui/TextField'
import type { Pair } from '../../ui/KeyValueEditor'
import { textOf, valueOf, type Draft } from './draft'
import { useEditor } from './editorStore'

type PairsKey = 'tokenHeaders' | 'tokenParams'

/** The values a vendor requires beyond the standard ones, under the vendor's own names, at the top of the form. */
export function VendorFields({
  draft,
  fields,
  errorFor,
}: {
  draft: Draft
  fields: RequiredField[]
  errorFor: (field: string) => string | undefined
}) {
  const updateIntegration = useEditor((state) => state.updateIntegration)
  const update = useEditor((state) => state.update)
  const revealSecret = useEditor((state) => state.revealSecret)
  if (fields.length === 0) return null

  const setValue = (path: string, value: string) => {
    const target = locate(path)
    if (target.kind === 'basicAuth') {
      const basicAuth = draft.integration.basicAuth ?? { username: '', password: '' }
      updateIntegration({ basicAuth: { ...basicAuth, [target.part]: valueOf(value) } })
      return
    }
    update((current) => ({ ...current, [target.key]: withRow(current[target.key], target.name, value) }))
  }

  return (
    <section className="form__section" aria-labelledby="section-vendor">
      <h2 id="section-vendor">What the vendor gave you</h2>
      {fields.map((field) => {
        const common = {
          label: field.label,
          value: valueIn(draft, field.path),
          onChange: (value: string) => setValue(field.path, value),
          help: field.help,
          error: errorFor(field.path),
        }
        return field.secret ? (
          <SecretField
            key={field.path}
            {...common}
            saved={draft.secretsSet.includes(field.path)}
            onReveal={() => revealSecret(field.path)}
          />
        ) : (
          <TextField key={field.path} {...common} monospace />
        )
      })}
    </section>
  )
}

/** Rows shown as vendor fields are left out of the generic editor; its changes keep them. */
export function withoutVendorRows(pairs: Pair[], fields: RequiredField[], prefix: string): Pair[] {
  return pairs.filter(([name]) => !fields.some((field) => field.path === `${prefix}${name}`))
}

export function keepVendorRows(
  before: Pair[],
  after: Pair[],
  fields: RequiredField[],
  prefix: string,
): Pair[] {
  const kept = before.filter(([name]) => fields.some((field) => field.path === `${prefix}${name}`))
  return [...kept, ...after]
}

function locate(
  path: string,
): { kind: 'basicAuth'; part: 'username' | 'password' } | { kind: 'pairs'; key: PairsKey; name: string } {
  if (path.startsWith('basicAuth.')) return { kind: 'basicAuth', part: path.slice(10) as 'username' }
  const [, section, ...rest] = path.split('.')
  return { kind: 'pairs', key: section === 'headers' ? 'tokenHeaders' : 'tokenParams', name: rest.join('.') }
}

function valueIn(draft: Draft, path: string): string {
  const target = locate(path)
  if (target.kind === 'basicAuth') return textOf(draft.integration.basicAuth?.[target.part])
  return draft[target.key].find(([name]) => name === target.name)?.[1] ?? ''
}

function withRow(pairs: Pair[], name: string, value: string): Pair[] {
  return pairs.some(([each]) => each === name)
    ? pairs.map((pair): Pair => (pair[0] === name ? [name, value] : pair))
    : [...pairs, [name, value]]
}
