/** What the app shows of the open workspace: a folder of integration files a team may version with git. */
export interface WorkspaceInfo {
  id: string
  name: string
  /** The folder on disk. */
  path: string
  /** The workspace in the user-data folder, as opposed to a folder the user opened. */
  isDefault: boolean
  /** Goes up whenever files change on disk (a `git pull`, an editor): the renderer reloads then. */
  revision: number
  /** Files that could not be read, each with its path and why; the others are in use. */
  problems: Array<{ path: string; message: string }>
}

/** One variable of an environment, as the renderer sees it: secret values never leave main. */
export interface EnvironmentVariableView {
  name: string
  /** The value of a non-secret variable. */
  value?: string
  secret: boolean
  /** A secret variable whose value this person has set (in their vault). */
  isSet: boolean
}

export interface EnvironmentView {
  name: string
  variables: EnvironmentVariableView[]
  /** The file's content hash as read: sent back on save so a change on disk is never overwritten. */
  revision: string
}

export interface EnvironmentsState {
  /** The environment `{{variables}}` are read from; null when none is chosen. */
  active: string | null
  environments: EnvironmentView[]
}

/** An environment as the editor saves it: a secret without `value` keeps its saved value. */
export interface EnvironmentDraft {
  name: string
  /** The name it had, when renamed. */
  previousName?: string
  variables: Array<{ name: string; value?: string; secret: boolean }>
  revision?: string
  /** "Keep mine": write even though the file changed on disk. */
  overwrite?: boolean
}
