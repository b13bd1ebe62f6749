/**
 * File and folder names in a workspace, derived from what the user typed. A file is named once, when
 * the integration is first saved, and keeps that name when the integration is renamed: the `id`
 * inside identifies it, and git shows a rename as the one line that changed.
 */
const MAX_SLUG = 60

/** "Payroll — Employees (EU)" → "payroll-employees-eu". */
export function slugOf(name: string): string {
  const slug = name
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, MAX_SLUG)
    .replace(/^-+|-+$/g, '')
  return slug || 'integration'
}

/** The first of "name.json", "name-2.json", … that `taken` does not hold. */
export function freeFileName(base: string, taken: (name: string) => boolean): string {
  for (let index = 1; ; index++) {
    const name = index === 1 ? `${base}.json` : `${base}-${index}.json`
    if (!taken(name)) return name
  }
}

/**
 * A folder name from an import or the form, kept as typed (case, spaces) but safe on every system:
 * no separators, control or reserved characters, no leading dot, no "..".
 */
export function folderNameOf(name: string): string | undefined {
  const cleaned = name
    .replace(/[\u0000-\u001f<>:"/\\|?*]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^\.+/, '')
    .replace(/[. ]+$/, '')
    .slice(0, MAX_SLUG)
    .trim()
  return cleaned && cleaned !== 'environments' ? cleaned : undefined
}

/** A folder path (["Payroll", "Employees"]) with each part made safe; empty parts dropped, at most 8 deep. */
export function folderPathOf(parts: readonly string[] | undefined): string[] {
  return (parts ?? []).flatMap((part) => folderNameOf(part) ?? []).slice(0, 8)
}
