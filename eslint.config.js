import tseslint from 'typescript-eslint'
import reactHooks from 'eslint-plugin-react-hooks'
import { featureBoundaries } from './scripts/eslint/featureBoundaries.js'

/** Files in src/main allowed to import electron: the thin glue. Everything else must run in plain Node. */
const ELECTRON_GLUE = ['src/main/index.ts', 'src/main/windows/**', 'src/main/ipc/**', 'src/main/platform/**']
const electronBan = {
  name: 'electron',
  message: 'Only the Electron glue (index.ts, windows/, ipc/, platform/) may import electron.',
}
const nodeBuiltins = ['node:*', 'fs', 'path', 'child_process', 'crypto', 'os', 'http', 'https', 'net']

/** What no renderer file imports; components (.tsx) also leave the api client to their feature's store. */
const rendererImports = (...extra) => [
  'error',
  {
    paths: [electronBan],
    patterns: [
      {
        group: ['**/main/**', '**/preload/**', '**/cli/**'],
        message: 'The renderer talks to main only through src/renderer/src/api/client.ts.',
      },
      { group: nodeBuiltins, message: 'The renderer has no Node: ask main over IPC.' },
      ...extra,
    ],
  },
]

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks, tokendesk: { rules: { 'feature-boundaries': featureBoundaries } } },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': rendererImports(),
      'tokendesk/feature-boundaries': 'error',
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.name='window'][property.name='tokendesk']",
          message: 'Only src/renderer/src/api/client.ts touches window.tokendesk; call main through a store.',
        },
      ],
    },
  },
  {
    files: ['src/renderer/src/api/client.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    files: ['src/renderer/**/*.tsx'],
    rules: {
      'no-restricted-imports': rendererImports({
        group: ['**/api/client'],
        message: 'Components reach main through their feature’s store, which uses the api client.',
      }),
    },
  },
  {
    files: ['src/main/**/*.ts', 'src/cli/**/*.ts'],
    ignores: ELECTRON_GLUE,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electronBan],
          patterns: [
            {
              group: ['**/renderer/**', '**/preload/**'],
              message: 'main never imports the renderer or preload.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/main/**', '**/renderer/**'], message: 'The preload depends on src/shared only.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electronBan],
          patterns: [
            {
              group: ['**/main/**', '**/renderer/**', '**/preload/**', '**/cli/**'],
              message: 'src/shared is the contract: it imports only zod and itself.',
            },
            { group: [...nodeBuiltins, 'jose', 'react', 'zustand'], message: 'src/shared imports only zod.' },
          ],
        },
      ],
    },
  },
)
