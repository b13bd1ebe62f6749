/** The file pickers main shows for export and import: Electron's dialogs in the app, a folder in tests. */
export interface FileDialogs {
  /** Asks where to save; resolves to the path written, or null when the user cancelled. */
  saveFile(suggestedName: string, content: string): Promise<string | null>
  /** Asks for a file to open; resolves to its name and text, or null when the user cancelled. */
  openFile(): Promise<{ name: string; text: string } | null>
  /** Asks for a folder to open as a workspace; resolves to its path, or null when the user cancelled. */
  openFolder(): Promise<string | null>
}
