import { confirmLeavingEditor } from '../features/integrations/confirmLeavingEditor'
import { useEditor } from '../features/integrations/editorStore'
import { useIntegrations } from '../features/integrations/integrationsStore'
import { useNavigation } from './navigationStore'

/** Opens a saved integration in its form, from anywhere (the list, history, the palette); unsaved changes ask first. */
export function openIntegration(id: string): void {
  const navigation = useNavigation.getState()
  if (navigation.screen !== 'integrations') navigation.go('integrations')
  if (useNavigation.getState().screen !== 'integrations') return // the leave guard said no
  if (useEditor.getState().draft?.id === id) return
  if (!confirmLeavingEditor()) return
  useIntegrations.getState().select(id)
  void useEditor.getState().open(id)
}
