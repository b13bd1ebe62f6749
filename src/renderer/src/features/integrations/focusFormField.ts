/** Focuses the integration form's control with this visible label, scrolled into view ("Show me"). */
export function focusFormField(label: string): boolean {
  const form = document.querySelector('form[aria-label="Integration settings"]')
  const match = [...(form?.querySelectorAll('label') ?? [])].find(
    (each) => each.textContent?.trim() === label,
  )
  const control = match?.control ?? (match?.htmlFor ? document.getElementById(match.htmlFor) : null)
  if (!control) return false
  control.scrollIntoView({ block: 'center' })
  control.focus()
  return true
}
