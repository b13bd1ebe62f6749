import { useEditor } from './editorStore'

/** Unsaved changes are never dropped silently: switching asks first. */
export function confirmLeavingEditor(): boolean {
  return !useEditor.getState().dirty || window.confirm('You have unsaved changes. Discard them?')
}
