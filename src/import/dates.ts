// import/: calendar days as analysts write them in plain text ("February 22,
// 2024", "Feb. 21", "21 February", "2024-02-22"), read into numbers and
// written back as ISO days or long dates. Never a Date in local time, so no
// day shifts with the machine's time zone.

export interface Day {
  readonly year: number
  readonly month: number
  readonly day: number
}

export interface DayMatch {
  /** Absent when the text gives no year ("February 21"). */
  readonly year?: number
  readonly month: number
  readonly day: number
  /** Where the day was written in the text searched. */
  readonly index: number
  readonly length: number
}

export const monthNames = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December'
] as const

const month = '(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)'
const patterns: readonly {regex: RegExp; read: (m: RegExpExecArray) => {year?: number; month: number; day: number}}[] = [
  {regex: /\b(\d{4})-(\d{2})-(\d{2})\b/, read: (m) => ({year: Number(m[1]), month: Number(m[2]), day: Number(m[3])})},
  {
    regex: new RegExp(`\\b${month}\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?\\b(?:,?\\s+(\\d{4})\\b)?`, 'i'),
    read: (m) => ({...(m[3] === undefined ? {} : {year: Number(m[3])}), month: monthNumber(m[1] ?? ''), day: Number(m[2])})
  },
  {
    regex: new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+${month}\\b\\.?(?:,?\\s+(\\d{4})\\b)?`, 'i'),
    read: (m) => ({...(m[3] === undefined ? {} : {year: Number(m[3])}), month: monthNumber(m[2] ?? ''), day: Number(m[1])})
  }
]

/** The first day written in `text` (the earliest of the forms above), if any. */
export function findDay(text: string): DayMatch | undefined {
  let best: DayMatch | undefined
  for (const {regex, read} of patterns) {
    const match = regex.exec(text)
    if (!match || (best !== undefined && match.index >= best.index)) continue
    const found = read(match)
    // "February 30" is no day; keep looking at the other forms rather than guess.
    if (!isRealDay({year: found.year ?? 2000, month: found.month, day: found.day})) continue
    best = {...found, index: match.index, length: match[0].length}
  }
  return best
}

/** `text` is a day and nothing else ("February 22, 2024."), with a year. */
export function wholeDay(text: string): Day | undefined {
  const found = findDay(text)
  if (found?.year === undefined) return undefined
  const rest = text.slice(0, found.index) + text.slice(found.index + found.length)
  return /^[\s,.]*$/.test(rest) ? {year: found.year, month: found.month, day: found.day} : undefined
}

export function parseIsoDay(value: string): Day | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value)
  if (!match) return undefined
  const day = {year: Number(match[1]), month: Number(match[2]), day: Number(match[3])}
  return isRealDay(day) ? day : undefined
}

export function isoDay(day: Day): string {
  return `${String(day.year).padStart(4, '0')}-${pad(day.month)}-${pad(day.day)}`
}

/** "February 22, 2024": how titles in the archive name their day. */
export function longDate(day: Day): string {
  return `${monthNames[day.month - 1] ?? ''} ${day.day}, ${day.year}`
}

export function isRealDay(day: Day): boolean {
  const date = new Date(Date.UTC(day.year, day.month - 1, day.day))
  return date.getUTCFullYear() === day.year && date.getUTCMonth() === day.month - 1 && date.getUTCDate() === day.day
}

/** Days from 1970-01-01: for comparing days and finding weekdays without time zones. */
export function dayNumber(day: Day): number {
  return Math.round(Date.UTC(day.year, day.month - 1, day.day) / 86_400_000)
}

/** 0 for Sunday ... 6 for Saturday. */
export function weekday(day: Day): number {
  return (((dayNumber(day) + 4) % 7) + 7) % 7
}

export function pad(n: number): string {
  return String(n).padStart(2, '0')
}

function monthNumber(name: string): number {
  const prefix = name.slice(0, 3).toLowerCase()
  return monthNames.findIndex((full) => full.slice(0, 3).toLowerCase() === prefix) + 1
}
