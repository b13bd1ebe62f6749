/**
 * Two error pages of the same size: an ordinary gateway page padded with text, and one built to
 * make a naive scanner go quadratic (thousands of opening <title> and <h1> tags, none closed).
 */
export function htmlBody(kind: 'plain' | 'hostile', bytes: number): string {
  if (kind === 'plain') {
    const head =
      '<!doctype html><html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1><p>'
    const tail = '</p></body></html>'
    return (
      head + 'upstream unavailable '.repeat(bytes / 21).slice(0, bytes - head.length - tail.length) + tail
    )
  }
  const head = '<!doctype html><html><head>'
  const unit = '<title><h1>'
  return (head + unit.repeat(Math.ceil(bytes / unit.length))).slice(0, bytes)
}
