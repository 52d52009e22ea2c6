// import/: the "Data Cutoff" line ("February 21 at 5pm ET") resolved to the
// zoned date-time the frontmatter needs (2024-02-21T17:00-05:00). The year
// comes from the publication date; US zones get their daylight-saving offset
// from the US rules for that local day and hour, never from the machine's
// time zone database, so the result is the same on every computer.
import type {RuleData} from '../diagnostics/catalogue.js'
import {dayNumber, findDay, isoDay, pad, parseIsoDay, weekday, type Day} from './dates.js'

/** The ways a cutoff line can fail, as the `import/cutoff` rule words them. */
export type CutoffProblem = RuleData<'import/cutoff'>['problem']

export type CutoffResult = {readonly value: string} | {readonly problem: CutoffProblem}

/** A zone: a fixed offset in minutes, or a US zone whose offset depends on daylight-saving time. */
type Zone = {kind: 'fixed'; minutes: number} | {kind: 'us'; standard: number}
/** How a zone name reads: a zone, an offset written out ("UTC+8"), or a name that could mean two zones. */
type ZoneName = Zone | {kind: 'written'} | {kind: 'ambiguous'}

const hour = 60
/**
 * Zone names as written after the time. Abbreviations are matched in capitals
 * only ("ET", not "et"); "CST" is refused because US and China briefs both use it.
 */
const zones: readonly {pattern: RegExp; zone: ZoneName}[] = [
  {pattern: /\b(?:UTC|GMT)\s*([+\-−])\s*(\d{1,2})(?::?(\d{2}))?\b/, zone: {kind: 'written'}},
  {pattern: /\bE[SD]?T\b|\b[Ee]astern(?:\s+(?:[Ss]tandard|[Dd]aylight))?(?:\s+[Tt]ime)?\b/, zone: {kind: 'us', standard: -5 * hour}},
  {pattern: /\bC[D]?T\b|\b[Cc]entral(?:\s+(?:[Ss]tandard|[Dd]aylight))?(?:\s+[Tt]ime)?\b/, zone: {kind: 'us', standard: -6 * hour}},
  {pattern: /\bM[SD]?T\b|\b[Mm]ountain(?:\s+(?:[Ss]tandard|[Dd]aylight))?(?:\s+[Tt]ime)?\b/, zone: {kind: 'us', standard: -7 * hour}},
  {pattern: /\bP[SD]?T\b|\b[Pp]acific(?:\s+(?:[Ss]tandard|[Dd]aylight))?(?:\s+[Tt]ime)?\b/, zone: {kind: 'us', standard: -8 * hour}},
  {pattern: /\bCST\b/, zone: {kind: 'ambiguous'}},
  {pattern: /\b(?:UTC|GMT|Z|Zulu)\b/, zone: {kind: 'fixed', minutes: 0}},
  {
    pattern: /\b(?:Taipei|Taiwan|Beijing|China|Hong\s+Kong|Manila|Singapore)(?:\s+[Ss]tandard)?\s+[Tt]ime\b|\b(?:HKT|PHT|SGT)\b/,
    zone: {kind: 'fixed', minutes: 8 * hour}
  },
  {pattern: /\b(?:Tokyo|Japan|Seoul|Korea)(?:\s+[Ss]tandard)?\s+[Tt]ime\b|\b(?:JST|KST)\b/, zone: {kind: 'fixed', minutes: 9 * hour}}
]

/** `5pm`, `5 p.m.`, `5:30pm`, `17:00`, `noon`, `midnight`. */
const twelveHour = /\b(\d{1,2})(?:[:.](\d{2}))?\s*([ap])\.?\s?m\b\.?/i
const twentyFourHour = /\b(\d{1,2})[:h](\d{2})(?::(\d{2}))?\b/i
const namedTime = /\b(noon|midday|midnight)\b/i

/**
 * Resolve a cutoff against the publication day (YYYY-MM-DD). A cutoff that
 * names no year takes the year that puts it nearest the publication day, so
 * "December 30" in a brief of January 4 is the previous December.
 */
export function resolveCutoff(text: string, publication: string | undefined): CutoffResult {
  const found = findDay(text)
  if (!found) return {problem: 'no-day'}
  let rest = cut(text, found.index, found.length)

  const time = readTime(rest)
  if ('problem' in time) return time
  rest = time.rest
  const zone = readZone(rest)
  if ('problem' in zone) return zone
  rest = zone.rest
  // "February 21 at 5pm ET or 6pm on the 22nd": more than one reading; refuse to pick one.
  if (/\d/.test(rest)) return {problem: 'extra-number'}

  const published = publication === undefined ? undefined : parseIsoDay(publication)
  let day: Day
  if (found.year !== undefined) day = {year: found.year, month: found.month, day: found.day}
  else if (published) day = nearestYear(found.month, found.day, published)
  else return {problem: 'no-publication-date'}
  if (published && dayNumber(day) > dayNumber(published)) return {problem: 'after-publication'}

  const offset = offsetOf(zone.zone, day, time.minutes)
  if (typeof offset === 'string') return {problem: offset}
  // Seconds only when written ("17:00:30"): the frontmatter keeps what the analyst meant.
  const seconds = time.seconds === undefined ? '' : `:${pad(time.seconds)}`
  return {value: `${isoDay(day)}T${pad(Math.floor(time.minutes / 60))}:${pad(time.minutes % 60)}${seconds}${formatOffset(offset)}`}
}

function readTime(text: string): {minutes: number; seconds?: number; rest: string} | {problem: CutoffProblem} {
  const named = namedTime.exec(text)
  if (named) {
    if ((named[1] ?? '').toLowerCase() === 'midnight') return {problem: 'midnight'}
    // "12 noon" is noon, not 12 and noon.
    const twelve = /\b12\s*$/.exec(text.slice(0, named.index))
    const start = twelve ? twelve.index : named.index
    return {minutes: 12 * hour, rest: cut(text, start, named.index + named[0].length - start)}
  }
  const twelveMatch = twelveHour.exec(text)
  if (twelveMatch) {
    const h = Number(twelveMatch[1])
    const m = Number(twelveMatch[2] ?? '0')
    if (h < 1 || h > 12 || m > 59) return {problem: 'bad-time'}
    const pm = (twelveMatch[3] ?? '').toLowerCase() === 'p'
    // 12am is the start of the day, 12pm is noon.
    const h24 = (h % 12) + (pm ? 12 : 0)
    return {minutes: h24 * hour + m, rest: cut(text, twelveMatch.index, twelveMatch[0].length)}
  }
  const match = twentyFourHour.exec(text)
  if (match) {
    const h = Number(match[1])
    const m = Number(match[2])
    const s = match[3] === undefined ? undefined : Number(match[3])
    if (h > 23 || m > 59 || (s !== undefined && s > 59)) return {problem: 'bad-time'}
    return {minutes: h * hour + m, ...(s === undefined ? {} : {seconds: s}), rest: cut(text, match.index, match[0].length)}
  }
  return {problem: 'no-time'}
}

function readZone(text: string): {zone: Zone; rest: string} | {problem: CutoffProblem} {
  for (const {pattern, zone} of zones) {
    const match = pattern.exec(text)
    if (!match) continue
    if (zone.kind === 'ambiguous') return {problem: 'ambiguous-zone'}
    const rest = cut(text, match.index, match[0].length)
    if (zone.kind === 'written') {
      const sign = match[1] === '+' ? 1 : -1
      return {zone: {kind: 'fixed', minutes: sign * (Number(match[2]) * hour + Number(match[3] ?? '0'))}, rest}
    }
    // An explicit EST/EDT (PST/PDT ...) is what the analyst meant, even out of season.
    const written = match[0].toUpperCase()
    if (zone.kind === 'us' && /^[ECMP]ST$|STANDARD/.test(written)) return {zone: {kind: 'fixed', minutes: zone.standard}, rest}
    if (zone.kind === 'us' && /^[ECMP]DT$|DAYLIGHT/.test(written)) return {zone: {kind: 'fixed', minutes: zone.standard + hour}, rest}
    return {zone, rest}
  }
  return {problem: 'no-zone'}
}

function offsetOf(zone: Zone, day: Day, minutes: number): number | CutoffProblem {
  if (zone.kind === 'fixed') return zone.minutes
  const daylight = usDaylightTime(day, minutes)
  return typeof daylight === 'string' ? daylight : zone.standard + (daylight ? hour : 0)
}

/**
 * Whether US daylight-saving time is in force at a local time. Since 2007 it
 * runs from 2:00 on the second Sunday of March to 2:00 on the first Sunday
 * of November (1987–2006: first Sunday of April to last Sunday of October).
 * The hour skipped in spring and the hour repeated in autumn are reported.
 */
export function usDaylightTime(day: Day, minutes: number): boolean | 'skipped-time' | 'repeated-time' {
  const modern = day.year >= 2007
  const start = modern ? nthSunday(day.year, 3, 2) : nthSunday(day.year, 4, 1)
  const end = modern ? nthSunday(day.year, 11, 1) : lastSunday(day.year, 10)
  const n = dayNumber(day)
  if (n === dayNumber(start)) {
    if (minutes < 2 * hour) return false
    return minutes < 3 * hour ? 'skipped-time' : true
  }
  if (n === dayNumber(end)) {
    if (minutes < hour) return true
    return minutes < 2 * hour ? 'repeated-time' : false
  }
  return n > dayNumber(start) && n < dayNumber(end)
}

function nthSunday(year: number, month: number, n: number): Day {
  const first = weekday({year, month, day: 1})
  return {year, month, day: 1 + ((7 - first) % 7) + 7 * (n - 1)}
}

function lastSunday(year: number, month: number): Day {
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate()
  return {year, month, day: lastDay - weekday({year, month, day: lastDay})}
}

function nearestYear(month: number, day: number, published: Day): Day {
  const candidates = [published.year - 1, published.year, published.year + 1]
    .map((year) => ({year, month, day}))
    // February 29 exists only in some of the candidate years.
    .filter((candidate) => new Date(Date.UTC(candidate.year, month - 1, day)).getUTCMonth() === month - 1)
  const target = dayNumber(published)
  let best = candidates[0] ?? {year: published.year, month, day}
  for (const candidate of candidates) {
    if (Math.abs(dayNumber(candidate) - target) < Math.abs(dayNumber(best) - target)) best = candidate
  }
  return best
}

function formatOffset(minutes: number): string {
  if (minutes === 0) return 'Z'
  const sign = minutes < 0 ? '-' : '+'
  const abs = Math.abs(minutes)
  return `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
}

/** `text` without the span found, so the next search cannot match it again. */
function cut(text: string, start: number, length: number): string {
  return `${text.slice(0, start)} ${text.slice(start + length)}`
}
