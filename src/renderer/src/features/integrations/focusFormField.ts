/** Focuses the integration form's control with this visible label, scrolled into view ("Show me"). */
export function focusFormField(label: string): boolean {
  const form = document.querySelector('form[aria-label="Integration settings"]')
  // "Issuer" also finds "Issuer (optional)": the form may say whether a field is needed.
  const match = [...(form?.querySelectorAll('label') ?? [])].find((each) => {
    const text = each.textContent?.trim() ?? ''
    return text === label || text.startsWith(`${label} (`)
  })
  const control = match?.control ?? (match?.htmlFor ? document.getElementById(match.htmlFor) : null)
  if (!control) return false
  control.scrollIntoView({ block: 'center' })
  control.focus()
  return true
}
