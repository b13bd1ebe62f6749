export { findElectronBinary } from '../../scripts/electron-runtime.mjs'

export const ELECTRON_SKIP_MESSAGE =
  'skipped: Electron binary not available (it could not be downloaded on this machine). ' +
  'Run "npm start" once with internet access (it installs the runtime), or "npx install-electron", to enable this suite.'
