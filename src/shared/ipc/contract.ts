import { z } from 'zod'
import type { DecodedJwt } from '../jwt'
import { defineCall } from './defineCall'

/** 64 KB is far above any real JWT (headers cap at 8–16 KB) and keeps a pasted novel out of main. */
const MAX_TOKEN_CHARS = 65_536

export interface AppInfo {
  name: string
  version: string
  platform: string
}

/**
 * The single source of truth for what the renderer may ask of main. Main registers one handler per
 * key, the preload exposes one function per key, the renderer calls them typed. Names are
 * `namespace.method`; the bridge nests them (`window.tokendesk.jwt.decode`).
 */
export const contract = {
  'app.info': defineCall<AppInfo>()(z.object({}).strict()),
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
export type CallOutput<K extends CallName> = NonNullable<Contract[K]['output']>

export const callNames = Object.keys(contract) as CallName[]

/** The IPC channel a call travels on; prefixed so no other module's channel can collide. */
export const channelOf = (name: CallName): string => `tokendesk:${name}`
