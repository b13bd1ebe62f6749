import { ESLint } from 'eslint'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

const root = resolve(import.meta.dirname, '../..')
const eslint = new ESLint({ cwd: root })

/** Lints `code` as if it were the renderer file at `path`, with the project's own eslint.config.js. */
async function problems(
  path: string,
  code: string,
): Promise<Array<{ rule: string | null; message: string }>> {
  const [result] = await eslint.lintText(code, { filePath: resolve(root, 'src/renderer/src', path) })
  return result!.messages.map(({ ruleId, message }) => ({ rule: ruleId, message }))
}

describe('the renderer’s structure, enforced by lint', () => {
  it('fails a feature that imports another feature’s store', async () => {
    const found = await problems(
      'features/history/Fixture.ts',
      "import { useIntegrations } from '../integrations/integrationsStore'\nexport const store = useIntegrations\n",
    )
    expect(found).toContainEqual({
      rule: 'tokendesk/feature-boundaries',
      message: expect.stringContaining('features/history imports features/integrations'),
    })
  })

  it('fails a feature that imports another feature’s component, however the path is written', async () => {
    const found = await problems(
      'features/integrations/Fixture.tsx',
      "import { TokenResult } from '../../features/inspector/TokenResult'\nexport const shown = TokenResult\n",
    )
    expect(found.map(({ rule }) => rule)).toContain('tokendesk/feature-boundaries')
  })

  it('fails ui/ importing a feature, and a feature importing app/', async () => {
    const fromUi = await problems(
      'ui/Fixture.tsx',
      "import { useEditor } from '../features/integrations/editorStore'\nexport const store = useEditor\n",
    )
    expect(fromUi.map(({ rule }) => rule)).toContain('tokendesk/feature-boundaries')
    const toApp = await problems(
      'features/inspector/Fixture.ts',
      "import { useNavigation } from '../../app/navigationStore'\nexport const store = useNavigation\n",
    )
    expect(toApp.map(({ rule }) => rule)).toContain('tokendesk/feature-boundaries')
  })

  it('lets app/ compose features, and a feature use its own files and the shared folders', async () => {
    expect(
      await problems(
        'app/Fixture.tsx',
        "import { TokenResult } from '../features/inspector/TokenResult'\nimport { useEditor } from '../features/integrations/editorStore'\nexport const parts = [TokenResult, useEditor]\n",
      ),
    ).toEqual([])
    expect(
      await problems(
        'features/inspector/Fixture.ts',
        "import { useInspectorStore } from './inspectorStore'\nimport { formatBody } from '../../lib/formatBody'\nimport { tokendesk } from '../../api/client'\nimport type { Preset } from '@shared/preset'\nexport const parts: [unknown, unknown, unknown, Preset?] = [useInspectorStore, formatBody, tokendesk]\n",
      ),
    ).toEqual([])
  })

  it('fails a component that calls the api client or window.tokendesk instead of its store', async () => {
    const client = await problems(
      'features/history/Fixture.tsx',
      "import { tokendesk } from '../../api/client'\nexport const call = () => tokendesk().history.list({})\n",
    )
    expect(client.map(({ rule }) => rule)).toContain('no-restricted-imports')
    const bridge = await problems(
      'features/history/fixtureStore.ts',
      'export const call = () => window.tokendesk.history.list({})\n',
    )
    expect(bridge.map(({ rule }) => rule)).toContain('no-restricted-syntax')
  })
})
