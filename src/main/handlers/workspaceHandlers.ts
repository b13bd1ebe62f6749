import type { AppServices } from '../services'
import type { Handlers } from './handlerType'

type WorkspaceHandlers = Pick<
  Handlers,
  | 'workspace.current'
  | 'workspace.open'
  | 'workspace.useDefault'
  | 'environments.list'
  | 'environments.select'
  | 'environments.save'
  | 'environments.delete'
>

export function workspaceHandlers({ workspaces, environments, dialogs }: AppServices): WorkspaceHandlers {
  return {
    'workspace.current': () => workspaces.info(),
    'workspace.open': async () => {
      const picked = await dialogs.openFolder('Open a folder as workspace')
      if (!picked) return { cancelled: true, workspace: workspaces.info() }
      return { cancelled: false, workspace: workspaces.open(picked) }
    },
    'workspace.useDefault': () => workspaces.useDefault(),
    'environments.list': () => environments.state(),
    'environments.select': ({ name }) => environments.select(name),
    'environments.save': (draft) => environments.save(draft),
    'environments.delete': ({ name, revision }) => environments.delete(name, revision),
  }
}
