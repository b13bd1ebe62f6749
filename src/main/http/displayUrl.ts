/** Longest URL quoted in a message: a vendor's document can name a URL of any length. */
export const MAX_DISPLAYED_URL = 200

/** The URL as a message shows it: whole when short, else its start and an ellipsis. */
export function displayUrl(url: string, max = MAX_DISPLAYED_URL): string {
  return url.length <= max ? url : `${url.slice(0, max - 1)}…`
}
