const localDateTime = new Intl.DateTimeFormat(undefined, {
  dateStyle: 'medium',
  timeStyle: 'medium',
})

/** A date in the user's own locale and time zone, which is what testers compare against their clock. */
export const formatLocalDateTime = (iso: string): string => localDateTime.format(new Date(iso))
