// A worker thread does not inherit the main thread's tsx hooks: register them, then run the .ts module.
import { workerData } from 'node:worker_threads'
import { register } from 'tsx/esm/api'

register()
await import(workerData.typescriptModule)
