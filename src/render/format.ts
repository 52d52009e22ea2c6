// Human-readable dates, cutoffs and names. Written by hand instead of Intl so
// the output is byte-identical whatever the machine's locale, ICU data or
// time zone: the cutoff is shown in the zone the analyst wrote, never shifted.
import type {Person} from '../parse/schema.js'

const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']

/** "2024-02-22" → "February 22, 2024". */
export function formatDate(day: string): string {
  const [year, month, date] = day.split('-')
  return `${months[Number(month) - 1] ?? ''} ${Number(date)}, ${year ?? ''}`
}

/** "2024-02-22" → "2024": the one place a year is taken from a date. */
export function yearOf(day: string): string {
  return day.slice(0, 4)
}

/**
 * Items grouped by the year of their date, in the order first met (briefs
 * come newest first, so the years do too): year pages, the archive page and
 * the sitemap list the same years.
 */
export function byYear<T extends {readonly meta: {readonly date: string}}>(items: readonly T[]): Map<string, T[]> {
  const years = new Map<string, T[]>()
  for (const item of items) {
    const year = yearOf(item.meta.date)
    const list = years.get(year)
    if (list) list.push(item)
    else years.set(year, [item])
  }
  return years
}

/**
 * `text` cut to at most `max` characters (UTF-16 units) with its ellipsis,
 * at the last space before the cut: page descriptions and feed summaries.
 * The cut keeps room for three characters (once "...") and drops the last
 * word before it even when that word is whole: outputs built so far stay as
 * they were. A single word longer than that is cut mid-word, never inside a
 * surrogate pair (an astral character would become a lone half).
 */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text
  let head = text.slice(0, Math.max(0, max - 3))
  const last = head.charCodeAt(head.length - 1)
  if (last >= 0xd800 && last <= 0xdbff) head = head.slice(0, -1)
  return `${head.replace(/\s+\S*$/, '')}…`
}

/**
 * "2024-02-21T17:00-05:00" → "February 21, 2024, 5:00 p.m. ET" (with the
 * zone name from site.yml's zoneNames) or "... 5:00 p.m. UTC−05:00".
 */
export function formatCutoff(value: string, zoneNames: Readonly<Record<string, string>>): string {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::\d{2})?(Z|[+-]\d{2}:\d{2})$/.exec(value)
  if (!match) return value
  const [, day = '', hh = '0', mm = '00', offset = 'Z'] = match
  const hour = Number(hh)
  const time =
    hour === 12 && mm === '00'
      ? 'noon'
      : hour === 0 && mm === '00'
        ? 'midnight'
        : `${hour % 12 === 0 ? 12 : hour % 12}:${mm} ${hour < 12 ? 'a.m.' : 'p.m.'}`
  const zone = zoneNames[offset] ?? (offset === 'Z' || offset === '+00:00' ? 'UTC' : `UTC${offset.replace('-', '\u2212')}`)
  return `${formatDate(day)}, ${time} ${zone}`
}

/** "A", "A and B", "A, B, and C". */
export function joinNames(names: readonly string[]): string {
  if (names.length <= 2) return names.join(' and ')
  return `${names.slice(0, -1).join(', ')}, and ${names[names.length - 1] ?? ''}`
}

/** People grouped by organisation, in order: "A and B (Org X); C (Org Y)". */
export function groupByOrg(people: readonly Person[]): {org: string; names: string[]}[] {
  const groups: {org: string; names: string[]}[] = []
  for (const person of people) {
    const last = groups[groups.length - 1]
    if (last?.org === person.org) last.names.push(person.name)
    else groups.push({org: person.org, names: [person.name]})
  }
  return groups
}
