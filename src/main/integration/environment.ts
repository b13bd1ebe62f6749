/** Environment variables as the engine reads them: `process.env` in the app and CLI, a plain object in tests. */
export type Environment = Readonly<Record<string, string | undefined>>
