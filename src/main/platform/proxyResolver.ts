import { session } from 'electron'
import type { SystemProxyResolver } from '../http/proxy'
import { proxyFromPacResult } from '../http/proxyPac'

/** The system's proxy for a URL, as Chromium resolves it (settings, PAC, WPAD): "DIRECT", "PROXY host:port"… */
export const systemProxyResolver: SystemProxyResolver = async (url) =>
  proxyFromPacResult(await session.defaultSession.resolveProxy(url))
