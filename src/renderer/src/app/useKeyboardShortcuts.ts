import { useEffect } from 'react'
import { useEditor } from '../features/integrations/editorStore'
import { useNavigation } from './navigationStore'

/** Ctrl/Cmd+Enter gets a token; Ctrl/Cmd+K jumps to the integration search. */
export function useKeyboardShortcuts(): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey)) return
      if (event.key === 'Enter') {
        const editor = useEditor.getState()
        if (editor.draft && editor.busy === 'idle') {
          event.preventDefault()
          useNavigation.getState().go('integrations')
          void editor.getToken()
        }
      } else if (event.key.toLowerCase() === 'k') {
        event.preventDefault()
        useNavigation.getState().go('integrations')
        window.setTimeout(() => document.querySelector<HTMLInputElement>('input[type="search"]')?.focus(), 0)
      }
    }
    window.addEventListener('keydown', onKeyDown)
    return () => window.removeEventListener('keydown', onKeyDown)
  }, [])
}
