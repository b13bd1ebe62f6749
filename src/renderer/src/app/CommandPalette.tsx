import { useId, useMemo, useState, type KeyboardEvent } from 'react'
import { Dialog } from '../ui/Dialog'

export interface Command {
  id: string
  label: string
  /** A second line: the grant of an integration, what an action does. */
  detail?: string
  run: () => void
}

/**
 * Ctrl/Cmd+K: type to narrow the integrations and actions, ArrowUp/ArrowDown to move, Enter to pick,
 * Escape to close. The WAI-ARIA combobox pattern: focus stays in the input, the highlighted option is
 * named by aria-activedescendant.
 */
export function CommandPalette({ commands, onClose }: { commands: Command[]; onClose: () => void }) {
  const [text, setText] = useState('')
  const [active, setActive] = useState(0)
  const titleId = useId()
  const listId = useId()
  const matches = useMemo(() => matching(commands, text), [commands, text])
  const highlighted = matches[Math.min(active, matches.length - 1)]

  const pick = (command: Command | undefined) => {
    if (!command) return
    onClose()
    command.run()
  }
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault()
      if (matches.length === 0) return
      const step = event.key === 'ArrowDown' ? 1 : -1
      setActive((Math.min(active, matches.length - 1) + step + matches.length) % matches.length)
    } else if (event.key === 'Enter') {
      event.preventDefault()
      pick(highlighted)
    }
  }

  return (
    <Dialog labelledBy={titleId} onClose={onClose} className="palette">
      <h2 id={titleId} className="visually-hidden">
        Go to
      </h2>
      <input
        className="input palette__input"
        role="combobox"
        aria-label="Go to an integration or action"
        aria-expanded="true"
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={highlighted ? optionId(listId, highlighted) : undefined}
        placeholder="Integration or action…"
        autoFocus
        value={text}
        onChange={(event) => {
          setText(event.target.value)
          setActive(0)
        }}
        onKeyDown={onKeyDown}
      />
      <ul id={listId} className="palette__list" role="listbox" aria-label="Integrations and actions">
        {matches.map((command) => (
          <li
            key={command.id}
            id={optionId(listId, command)}
            role="option"
            aria-selected={command === highlighted}
            className={`palette__option${command === highlighted ? ' palette__option--active' : ''}`}
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => pick(command)}
          >
            <span>{command.label}</span>
            {command.detail && <span className="muted"> · {command.detail}</span>}
          </li>
        ))}
      </ul>
      {matches.length === 0 && (
        <p className="empty" role="status">
          Nothing matches “{text}”.
        </p>
      )}
    </Dialog>
  )
}

function matching(commands: Command[], text: string): Command[] {
  const words = text.trim().toLowerCase().split(/\s+/).filter(Boolean)
  if (words.length === 0) return commands
  return commands.filter((command) => {
    const haystack = `${command.label} ${command.detail ?? ''}`.toLowerCase()
    return words.every((word) => haystack.includes(word))
  })
}

function optionId(listId: string, command: Command): string {
  return `${listId}-${command.id.replace(/[^A-Za-z0-9_-]/g, '_')}`
}
