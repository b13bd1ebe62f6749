import { z } from 'zod'
import type { ApiOutcome } from '../apiCall'
import type { DiscoveredProvider } from '../discovery'
import type { RecordedHttpRequest } from '../exchange'
import type { HistoryEntry } from '../history'
import type { DecodedJwt, VerificationResult } from '../jwt'
import type { Preset } from '../preset'
import type { EditableIntegration, IntegrationSummary } from '../storedIntegration'
import type { DeviceAuthorization, RevokeOutcome, TokenInfoOutcome, TokenOutcome } from '../token'
import type { SignInOutcome } from '../signIn'
import type { EnvironmentsState, WorkspaceInfo } from '../workspace'
import { SANDBOX_SWITCH_IDS, type SandboxIntegrationState, type SandboxStatus } from '../sandbox'
import { defineCall, type CallSpec } from './defineCall'

/** 64 KB is far above any real JWT (headers cap at 8–16 KB) and keeps a pasted novel out of main. */
const MAX_TOKEN_CHARS = 65_536

export interface AppInfo {
  name: string
  version: string
  platform: string
}

export interface StorageStatus {
  strength: 'os' | 'weak' | 'unavailable'
  backend: string
  persistent: boolean
  weakAllowed: boolean
  unreadable: string[]
  /** Store files found damaged at start-up and moved aside. */
  recoveries: Array<{ store: string; movedTo: string; reason: string }>
}

export interface ImportOutcome {
  /** The user closed the file picker. */
  cancelled: boolean
  format?: string
  imported: IntegrationSummary[]
  /**
   * Environments found in the files, for the summary: secret values shown as MASKED (they never
   * cross to the renderer).
   */
  environments: Array<{ name: string; variables: Array<{ name: string; value: string; secret: boolean }> }>
  warnings: string[]
}

export interface TokenPreview {
  request: RecordedHttpRequest
  curl: string
  warnings: string[]
  /** Pre-flight findings about one field, shown under it in the form. */
  fieldWarnings: Array<{ field: string; message: string }>
  /** The workspace environment whose variables the preview used. */
  environment?: string
}

/**
 * Get token's answer. With `save`, the draft was saved first: `saved` is the integration as the form
 * and the list now show it, so one click costs one round trip. A refusal after the save carries the
 * same in `details.saved`.
 */
export type TokenAnswer = TokenOutcome & { saved?: EditableIntegration }

const id = z.string().min(1).max(100)
const empty = z.object({}).strict()
/** The integration itself is validated by parseIntegration, whose messages name the field and the fix. */
const integrationDraft = z.record(z.string(), z.unknown())
const secretPath = z.string().min(1).max(300)
const headerPairs = z.array(z.tuple([z.string().max(1000), z.string().max(100_000)])).max(200)
/** A workspace sub-folder path; each name is made safe for every system in main. */
const folderPath = z.array(z.string().min(1).max(100)).max(8)
const revision = z.string().regex(/^[0-9a-f]{64}$/, 'A file revision (SHA-256, hex).')
const environmentName = z.string().min(1, 'Name the environment, e.g. "staging".').max(60)

/**
 * The single source of truth for what the renderer may ask of main. Main registers one handler per
 * key, the preload exposes one function per key, the renderer calls them typed. Names are
 * `namespace.method`; the bridge nests them (`window.tokendesk.jwt.decode`).
 */
export const contract = {
  'app.info': defineCall<AppInfo>()(empty),
  'app.storageStatus': defineCall<StorageStatus>()(empty),
  'app.allowWeakEncryption': defineCall<StorageStatus>()(z.object({ allow: z.boolean() }).strict()),
  'jwt.verify': defineCall<VerificationResult>()(
    z
      .object({
        token: z.string().max(MAX_TOKEN_CHARS),
        key: z.discriminatedUnion('kind', [
          z
            .object({
              kind: z.literal('jwks'),
              url: z.string().url('Type the full JWKS URL, starting with https://.').max(2000),
            })
            .strict(),
          z
            .object({
              kind: z.literal('issuer'),
              issuer: z.string().url('Type the issuer URL, starting with https://.').max(2000),
            })
            .strict(),
          z
            .object({
              kind: z.literal('pem'),
              text: z.string().min(1, 'Paste the public key (PEM).').max(100_000),
            })
            .strict(),
          z
            .object({
              kind: z.literal('jwk'),
              text: z.string().min(1, 'Paste the key as JWK JSON.').max(100_000),
            })
            .strict(),
          z
            .object({
              kind: z.literal('hmac'),
              secret: z.string().min(1, 'Type the shared secret.').max(10_000),
            })
            .strict(),
        ]),
        expected: z
          .object({
            issuer: z.string().max(2000).optional(),
            audience: z.string().max(2000).optional(),
            scope: z.array(z.string().max(500)).max(100).optional(),
          })
          .strict()
          .optional(),
      })
      .strict(),
  ),
  'token.describe': defineCall<TokenInfoOutcome>()(
    z.object({ id, kind: z.enum(['introspection', 'userinfo']) }).strict(),
  ),
  /** RFC 7009: revokes the integration's kept access token, refresh token, or both; TokenDesk forgets what was revoked. */
  'token.revoke': defineCall<RevokeOutcome>()(
    z.object({ id, which: z.enum(['access', 'refresh', 'both']) }).strict(),
  ),
  'token.cancel': defineCall<null>()(z.object({ id }).strict()),
  'device.start': defineCall<Omit<DeviceAuthorization, 'deviceCode'>>()(z.object({ id }).strict()),
  'device.openPage': defineCall<null>()(z.object({ id }).strict()),
  'device.poll': defineCall<TokenOutcome>()(z.object({ id }).strict()),
  'authorize.open': defineCall<{ authorizeUrl: string }>()(z.object({ id }).strict()),
  /** Signs in (embedded window or system browser with a loopback redirect) and redeems the code. Cancel: token.cancel. */
  'signIn.start': defineCall<SignInOutcome>()(
    z.object({ id, via: z.enum(['embedded', 'browser']) }).strict(),
  ),
  /** Signs out at the provider (RP-initiated logout, in the browser) and forgets the tokens here. */
  'signIn.signOut': defineCall<{ signOutPage: string }>()(z.object({ id }).strict()),
  /** Forgets the embedded window's remembered sign-in (cookies) for the integration. */
  'signIn.clearSession': defineCall<null>()(z.object({ id }).strict()),
  /** Reads the draft's issuer's discovery document (null without an issuer); a failure names the Issuer field. */
  'discovery.get': defineCall<DiscoveredProvider | null>()(
    z.object({ integration: integrationDraft }).strict(),
  ),
  'presets.list': defineCall<Preset[]>()(empty),
  'integrations.list': defineCall<IntegrationSummary[]>()(empty),
  'integrations.get': defineCall<EditableIntegration>()(z.object({ id }).strict()),
  'integrations.save': defineCall<EditableIntegration>()(
    z
      .object({
        id: id.optional(),
        integration: integrationDraft,
        keepSecrets: z.array(secretPath).max(100).optional(),
        tokenStorage: z.enum(['disk', 'session']).optional(),
        folder: folderPath.optional(),
        /** The file revision the form loaded: a change on disk since is refused as a conflict. */
        revision: revision.optional(),
        /** "Keep mine": save over a change on disk. */
        overwrite: z.boolean().optional(),
      })
      .strict(),
  ),
  'integrations.delete': defineCall<null>()(z.object({ id }).strict()),
  'integrations.undoDelete': defineCall<EditableIntegration>()(z.object({ id }).strict()),
  'integrations.duplicate': defineCall<EditableIntegration>()(z.object({ id }).strict()),
  'integrations.revealSecret': defineCall<{ value: string | null }>()(
    z.object({ id, path: secretPath }).strict(),
  ),
  'integrations.export': defineCall<{ saved: boolean; path?: string }>()(
    z
      .object({
        ids: z.array(id).max(10_000),
        includeSecrets: z.boolean(),
        passphrase: z.string().max(1000).optional(),
      })
      .strict(),
  ),
  'integrations.import': defineCall<ImportOutcome>()(
    z
      .object({
        /** Text already read (drag and drop); without it, main opens a file picker. */
        file: z
          .object({ name: z.string().max(500), text: z.string().max(20_000_000) })
          .strict()
          .optional(),
        /** Several files picked at once (a Postman collection and its environments). */
        files: z
          .array(z.object({ name: z.string().max(500), text: z.string().max(20_000_000) }).strict())
          .min(1)
          .max(20)
          .refine((files) => files.reduce((total, file) => total + file.text.length, 0) <= 20_000_000, {
            message: 'The files picked hold more than 20 MB together; import fewer at a time.',
          })
          .optional(),
        passphrase: z.string().max(1000).optional(),
      })
      .strict(),
  ),
  /** Main opens a folder picker and imports the Bruno collection in the folder chosen. */
  'integrations.importFolder': defineCall<ImportOutcome>()(empty),
  'token.get': defineCall<TokenAnswer>()(
    z
      .object({
        /** The integration, saved or (with `save`) to be saved under this id: the renderer names a new one. */
        id,
        /** The form's unsaved changes, saved (as integrations.save) before the token is asked for. */
        save: z
          .object({
            integration: integrationDraft,
            keepSecrets: z.array(secretPath).max(100).optional(),
            tokenStorage: z.enum(['disk', 'session']).optional(),
            folder: folderPath.optional(),
            revision: revision.optional(),
            overwrite: z.boolean().optional(),
          })
          .strict()
          .optional(),
        code: z.string().max(10_000).optional(),
        fresh: z.boolean().optional(),
      })
      .strict(),
  ),
  'token.preview': defineCall<TokenPreview>()(
    z
      .object({
        id: id.optional(),
        integration: integrationDraft,
        keepSecrets: z.array(secretPath).max(100).optional(),
        reveal: z.boolean().optional(),
      })
      .strict(),
  ),
  'api.call': defineCall<ApiOutcome>()(
    z
      .object({
        id,
        request: z
          .object({
            method: z.string().regex(/^[A-Za-z]{1,20}$/, 'An HTTP method, e.g. GET or POST.'),
            url: z.string().min(1, 'Type the URL to call.').max(10_000),
            headers: headerPairs.optional(),
            body: z.string().max(10_000_000).optional(),
          })
          .strict(),
      })
      .strict(),
  ),
  /** Stops the integration's API call under way (Try the API's Cancel); its request is aborted in main. */
  'api.cancel': defineCall<null>()(z.object({ id }).strict()),
  /** The open workspace: its folder, id, and a revision that goes up when files change on disk. */
  'workspace.current': defineCall<WorkspaceInfo>()(empty),
  /**
   * Opens a folder (a git checkout) as the workspace, chosen by the user in main's folder picker: the
   * renderer never names a path, so it cannot make main read or write anywhere else.
   */
  'workspace.open': defineCall<{ cancelled: boolean; workspace: WorkspaceInfo }>()(empty),
  /** Goes back to the workspace in the user-data folder. */
  'workspace.useDefault': defineCall<WorkspaceInfo>()(empty),
  'environments.list': defineCall<EnvironmentsState>()(empty),
  'environments.select': defineCall<EnvironmentsState>()(
    z.object({ name: environmentName.nullable() }).strict(),
  ),
  'environments.save': defineCall<EnvironmentsState>()(
    z
      .object({
        name: environmentName,
        previousName: environmentName.optional(),
        variables: z
          .array(
            z
              .object({
                name: z.string().min(1, 'Name the variable.').max(100),
                /** A secret left empty keeps the value saved in the vault. */
                value: z.string().max(100_000).optional(),
                secret: z.boolean(),
              })
              .strict(),
          )
          .max(500),
        revision: revision.optional(),
        overwrite: z.boolean().optional(),
      })
      .strict(),
  ),
  'environments.delete': defineCall<EnvironmentsState>()(
    z.object({ name: environmentName, revision: revision.optional() }).strict(),
  ),
  'history.list': defineCall<HistoryEntry[]>()(
    z
      .object({
        text: z.string().max(500).optional(),
        integrationId: id.optional(),
        outcome: z.enum(['ok', 'failed']).optional(),
        limit: z.number().int().min(1).max(500).optional(),
      })
      .strict(),
  ),
  'history.clear': defineCall<null>()(empty),
  /** Starts the practice sandbox if need be; its servers (all on 127.0.0.1) and demo sign-in users. */
  'sandbox.status': defineCall<SandboxStatus>()(empty),
  /** "Try it with the sandbox": saves a sandbox twin of each preset, credentials filled in. */
  'sandbox.tryIt': defineCall<IntegrationSummary[]>()(empty),
  /** The break switches a sandbox integration offers and the one that is on (null: not a sandbox integration). */
  'sandbox.state': defineCall<SandboxIntegrationState | null>()(z.object({ id }).strict()),
  /** Turns one break switch on for the integration's sandbox server (null: everything works again). */
  'sandbox.setSwitch': defineCall<SandboxIntegrationState | null>()(
    z.object({ id, switch: z.enum(SANDBOX_SWITCH_IDS).nullable() }).strict(),
  ),
  'jwt.decode': defineCall<DecodedJwt>()(
    z
      .object({
        token: z.string().max(MAX_TOKEN_CHARS, `The token is longer than ${MAX_TOKEN_CHARS} characters.`),
      })
      .strict(),
  ),
} as const

export type Contract = typeof contract
export type CallName = keyof Contract
export type CallInput<K extends CallName> = z.input<Contract[K]['input']>
export type ParsedCallInput<K extends CallName> = z.output<Contract[K]['input']>
export type CallOutput<K extends CallName> =
  Contract[K] extends CallSpec<z.ZodType, infer Output> ? Output : never

export const callNames = Object.keys(contract) as CallName[]

/** The IPC channel a call travels on; prefixed so no other module's channel can collide. */
export const channelOf = (name: CallName): string => `tokendesk:${name}`
