/** A file the user picked: its name and text, and its path when it was picked from disk in main. */
export interface PickedFile {
  name: string
  text: string
  path?: string
}

/** The file pickers main shows for export and import: Electron's dialogs in the app, a folder in tests. */
export interface FileDialogs {
  /** Asks where to save; resolves to the path written, or null when the user cancelled. */
  saveFile(suggestedName: string, content: string): Promise<string | null>
  /** Asks for one or more files to open (a collection and its environments); null when cancelled. */
  openFiles(): Promise<PickedFile[] | null>
  /** Asks for a folder (a Bruno collection); resolves to its path, or null when cancelled. */
  openFolder(): Promise<string | null>
}
