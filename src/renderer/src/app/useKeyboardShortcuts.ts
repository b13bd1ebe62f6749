import { useEffect } from 'react'
import { useEditor } from '../features/integrations/editorStore'
import { useNavigation } from './navigationStore'

/** Ctrl/Cmd+Enter gets a token (saving first, so the list shows it); Ctrl/Cmd+K opens the command palette. */
export function useKeyboardShortcuts(openPalette: () => void): void {
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
        openPalette()
      }
    }
    window.addEventListener('keydown', onKeyDown)
    return () => window.removeEventListener('keydown', onKeyDown)
  }, [openPalette])
}
