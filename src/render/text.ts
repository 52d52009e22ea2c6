// render/: the plain-text edition of a brief (email.txt, `sitrep export
// --text`), in the shape analysts paste and `sitrep import` reads: a header
// (title, Authors, Editors, Data Cutoff, the series blurb, Tags, each
// correction as "Corrected <date>: <text>"), "Key
// Takeaways" as "- " items, each region section under its group and region
// lines with its topics as lines of their own, one line per paragraph with
// the analyst's note numbers as "[n]" (adjacent ones "[48],[49]"), and the
// endnotes as "[n] source", every source on its own line exactly as written.
// Pure: the typed brief in, text out. What plain text cannot carry is
// listed at `renderText`; everything else comes back through import
// (tests/render/text.test.ts, tests/property/text-roundtrip.test.ts).
import type {BlockContent, DefinitionContent, PhrasingContent, RootContent} from 'mdast'
import type {Brief, Figure} from '../ast.js'
import {usDaylightTime} from '../import/cutoff.js'
import {dayNumber, findDay, monthNames, parseIsoDay, type Day} from '../import/dates.js'
import type {Person, Region} from '../parse/schema.js'
import {formatDate} from './format.js'

export interface TextOptions {
  /** regions.yml: each region's group is written above its first section, as on the page. */
  readonly regions: readonly Region[]
  /**
   * The address a figure's image is given at. Default: the path as written
   * in the brief, so that `sitrep import` gives back the same brief; the
   * email edition gives the absolute URL of the image's PNG or JPEG copy.
   */
  readonly imageUrl?: (figure: Figure) => string
}

/**
 * The brief as plain text, ending with a newline. Plain text has no
 * emphasis, strong or code formatting: those are written as their words.
 * Links are written `[label](https://...)`, which import reads back as
 * links. Lists, quotes and headings below `###` are written as lines of
 * their text (import reads them back as paragraphs and topics). Raw HTML
 * and HTML comments are left out, as the page leaves them out.
 */
export function renderText(brief: Brief, options: TextOptions): string {
  const {meta} = brief
  const out: string[] = []
  const header: string[] = []
  if (titleCarriesDate(meta.title, meta.date)) header.push(oneLine(meta.title))
  else header.push(`Title: ${oneLine(meta.title)}`, `Date: ${formatDate(meta.date)}`)
  header.push(`Authors: ${people(meta.authors)}`)
  if (meta.editors.length > 0) header.push(`Editors: ${people(meta.editors)}`)
  header.push(`Data Cutoff: ${cutoffText(meta.cutoff, meta.date)}`)
  if (meta.summary !== undefined) header.push(oneLine(meta.summary))
  if (meta.tags.length > 0) header.push(`Tags: ${meta.tags.join(', ')}`)
  // A correction is never silent: each is stated, dated, in the header, where import reads it back.
  for (const correction of brief.corrections) header.push(`Corrected ${formatDate(correction.date)}: ${inline(correction.content)}`)
  out.push(header.join('\n'))

  out.push(['Key Takeaways', ...brief.takeaways.map((takeaway) => `- ${inline(takeaway.content)}`)].join('\n'))

  let group: string | undefined
  for (const section of brief.sections) {
    const region = options.regions.find((r) => r.id === section.regionId)
    const heading: string[] = []
    if (region?.group !== undefined && region.group !== group) heading.push(region.group)
    group = region?.group
    heading.push(oneLine(section.heading))
    out.push(heading.join('\n'))
    for (const child of section.children) {
      const block = blockText(child, options)
      if (block !== '') out.push(block)
    }
  }

  if (brief.notes.length > 0) {
    out.push(
      brief.notes
        .map((note) => {
          const [first, ...more] = note.sources.map((source) => source.raw)
          return [first === undefined ? `[${note.number}]` : `[${note.number}] ${first}`, ...more].join('\n')
        })
        .join('\n')
    )
  }
  return `${out.join('\n\n')}\n`
}

/**
 * Whether import reads the title line alone as the title and the day: it
 * ends in that very day written out ("..., February 22, 2024"), is short
 * and is not a sentence (import/header.ts).
 */
function titleCarriesDate(title: string, date: string): boolean {
  const text = oneLine(title)
  const found = findDay(text)
  const day = parseIsoDay(date)
  if (found?.year === undefined || !day) return false
  const same = found.year === day.year && found.month === day.month && found.day === day.day
  return same && found.index > 0 && found.index + found.length === text.length && text.length <= 120 && !/[.!?]\s/.test(text)
}

/** "A, B, and C of Org X; D of Org Y": people grouped by organisation, as import/people.ts reads them. */
export function people(list: readonly Person[]): string {
  const groups: {org: string; names: string[]}[] = []
  for (const person of list) {
    const last = groups.at(-1)
    if (last?.org === person.org) last.names.push(person.name)
    else groups.push({org: person.org, names: [person.name]})
  }
  return groups.map((group) => `${joinNames(group.names)} of ${group.org}`).join('; ')
}

function joinNames(names: readonly string[]): string {
  if (names.length <= 2) return names.join(' and ')
  return `${names.slice(0, -1).join(', ')}, and ${names.at(-1) ?? ''}`
}

/**
 * "February 21 at 5pm ET", as analysts write the cutoff: the year only when
 * import could not take it from the publication day (a cutoff more than half
 * a year before it); US zones by their name where import's daylight-saving
 * rule gives the offset written back, else the offset ("UTC+08:00").
 */
export function cutoffText(cutoff: string, date: string): string {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?(Z|[+-]\d{2}:\d{2})$/.exec(cutoff)
  const day = parseIsoDay(match?.[1] ?? '')
  if (!match || !day) return cutoff
  const hour = Number(match[2])
  const minute = Number(match[3])
  const seconds = match[4] === undefined ? '' : `:${match[4]}`
  const published = parseIsoDay(date)
  const near = published !== undefined && Math.abs(dayNumber(published) - dayNumber(day)) <= 182
  const dayText = `${monthNames[day.month - 1] ?? ''} ${day.day}${near ? '' : `, ${day.year}`}`
  // Seconds are written on a 24-hour clock: import reads "17:00:30"; a 12-hour time with seconds it does not.
  const time =
    seconds === ''
      ? `${hour % 12 === 0 ? 12 : hour % 12}${minute === 0 ? '' : `:${String(minute).padStart(2, '0')}`}${hour < 12 ? 'am' : 'pm'}`
      : `${match[2] ?? ''}:${match[3] ?? ''}${seconds}`
  return `${dayText} at ${time} ${zoneText(match[5] ?? 'Z', day, hour * 60 + minute)}`
}

const usZones = [
  {name: 'ET', standard: -300},
  {name: 'CT', standard: -360},
  {name: 'MT', standard: -420},
  {name: 'PT', standard: -480}
] as const

function zoneText(offset: string, day: Day, minutes: number): string {
  if (offset === 'Z' || offset === '+00:00' || offset === '-00:00') return 'UTC'
  const sign = offset.startsWith('-') ? -1 : 1
  const value = sign * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4, 6)))
  const daylight = usDaylightTime(day, minutes)
  if (typeof daylight === 'boolean') {
    for (const zone of usZones) if (zone.standard + (daylight ? 60 : 0) === value) return zone.name
  }
  return `UTC${offset}`
}

/** A section's block as lines of text ('' for what the page does not show either). */
function blockText(node: RootContent | BlockContent | DefinitionContent, options: TextOptions): string {
  switch (node.type) {
    case 'paragraph':
    case 'heading':
      return inline(node.children)
    case 'figure':
      return figureText(node, options)
    case 'list':
      return node.children
        .map((item, index) => {
          const marker = node.ordered === true ? `${(node.start ?? 1) + index}.` : '-'
          return item.children.map((child, i) => (i === 0 ? `${marker} ${blockText(child, options)}` : blockText(child, options))).join('\n')
        })
        .join('\n')
    case 'blockquote':
      return node.children.map((child) => blockText(child, options)).filter((text) => text !== '').join('\n\n')
    case 'code':
      return node.value
    case 'html':
    case 'definition':
    case 'thematicBreak':
    case 'yaml':
    case 'footnoteDefinition':
      return ''
    case 'table':
      return node.children.map((row) => row.children.map((cell) => inline(cell.children)).join(' | ')).join('\n')
    default:
      return 'children' in node ? inline(node.children as PhrasingContent[]) : 'value' in node ? oneLine(node.value) : ''
  }
}

/** `[Image: alt] address`, then `Caption: ...` and the credit line: what import reads back as a figure. */
function figureText(figure: Figure, options: TextOptions): string {
  const url = options.imageUrl?.(figure) ?? figure.url
  return [
    `[Image: ${oneLine(figure.alt)}] ${url}`,
    ...(figure.caption === undefined ? [] : [`Caption: ${oneLine(figure.caption)}`]),
    ...(figure.credit === undefined ? [] : [inline(figure.credit)])
  ].join('\n')
}

/** Inline content as one line: note numbers as "[n]", adjacent ones "[48],[49]"; links as `[label](url)`. */
export function inline(nodes: readonly PhrasingContent[]): string {
  let out = ''
  let lastWasCitation = false
  const walk = (list: readonly PhrasingContent[]) => {
    for (const node of list) {
      if (node.type === 'citation') {
        out += `${lastWasCitation ? ',' : ''}[${node.number}]`
        lastWasCitation = true
        continue
      }
      const before = out.length
      switch (node.type) {
        case 'text':
        case 'inlineCode':
        case 'defangedSource':
          out += node.value
          break
        case 'break':
          out += ' '
          break
        case 'link': {
          out += `[${inline(node.children)}](${node.url})`
          break
        }
        case 'image':
          out += node.alt === '' || node.alt === null || node.alt === undefined ? node.url : `${node.alt} (${node.url})`
          break
        case 'html':
        case 'footnoteReference':
        case 'imageReference':
          break
        default:
          if ('children' in node) walk(node.children)
      }
      // Only marks with nothing between them are one run.
      if (out.length !== before) lastWasCitation = false
    }
  }
  walk(nodes)
  return oneLine(out)
}

/** Line breaks and runs of white space as one space: import reads one line per paragraph. */
function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim()
}
