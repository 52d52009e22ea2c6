// Reading a note's sources from the text the analyst wrote: one source per
// line, each a URL, a defanged URL (deliberately not a link), or plain text.
// Classification is by shape only; validate/ decides what is wrong with it.
// A Markdown link (`[label](destination)`) is read by the Markdown parser:
// its address is then exactly what a link in the prose would lead to
// (entities and escapes decoded, parentheses balanced, `<...>` with spaces),
// so no spelling of a scheme reaches the page unchecked.
import type {Position} from 'unist'
import {toString} from 'mdast-util-to-string'
import type {Source} from '../ast.js'
import {archivedSuffix} from './archived.js'
import {markupHeavy} from './guards.js'
import {parseMarkdown} from './markdown.js'

/** `https://a.gov/report.pdf, p.3`: a page locator after the URL. */
const locatorPattern = /,\s*((?:pp?\.|pages?|para\.?|§)\s*[\w\-–, ]+)$/i
const schemePattern = /^([a-z][a-z0-9+.-]*):/i
const angleLink = /^<([^<>\s]+)>(.*)$/
/** Defanging that can appear anywhere: hxxp(s), `[.]`, `(.)`, `{.}`, `[dot]`, `[:]`. */
const defangMarks = /^h(?:xx|\*\*|__)ps?(?:\[:\]|:)|\[\.\]|\(\.\)|\{\.\}|\[dot\]|\(dot\)|\[:\]|\[:\/\/\]/i
/** ` dot ` counts only after a scheme, so "the dot com era" stays text; `dotgov` is a malformed try. */
const spelledDot = /^https?:\/\/\S*(?:\sdot\s|\sdot(?=[a-z])|(?<=[a-z])dot\s)/i

/**
 * Classify one line of a note (already trimmed). A URL source may end with
 * an archived copy; on any other source the suffix stays part of its text
 * (validate/ reports it): a defanged address is never given a live copy.
 */
export function classifySource(raw: string, position: Position): Source {
  const archived = archivedSuffix(raw)
  if (archived) {
    const source = classifyOne(raw.slice(0, archived.suffixStart), position)
    if (source.kind === 'url') {
      return {...source, raw, archived: {url: archived.url, position: within(position, archived.start, archived.start + archived.url.length)}}
    }
  }
  return classifyOne(raw, position)
}

function classifyOne(raw: string, position: Position): Source {
  const link = markdownLink(raw)
  if (link) {
    const source = urlSource(link.url, raw, position, link.label || undefined, raw.slice(link.end).trim())
    return {...source, urlPosition: within(position, link.destination, link.destinationEnd)}
  }
  const angle = angleLink.exec(raw)
  if (angle) return urlSource(angle[1] ?? '', raw, position, undefined, (angle[2] ?? '').trim())

  if (defangMarks.test(raw) || spelledDot.test(raw)) {
    const refanged = refang(raw)
    return refanged === undefined ? {kind: 'defanged', raw, position} : {kind: 'defanged', raw, refanged, position}
  }
  if (schemePattern.test(raw)) {
    const locator = locatorPattern.exec(raw)
    const url = locator ? raw.slice(0, locator.index) : raw
    // A URL never contains spaces; "See https://..." or "Interview, 2024" is text.
    if (!/\s/.test(url)) return urlSource(url, raw, position, undefined, locator?.[1] ?? '')
  }
  return {kind: 'text', raw, position}
}

interface MarkdownLink {
  readonly url: string
  /** The link text, '' for `[](url)`. */
  readonly label: string
  /** Offsets in the line: the destination (`<` included), and the end of the link. */
  readonly destination: number
  readonly destinationEnd: number
  readonly end: number
}

/**
 * The Markdown link that starts `raw`, as remark reads it, if one does.
 * Only a line that could be one is parsed, and never one with enough
 * markup to slow micromark down (the notes skip the body's guards).
 */
function markdownLink(raw: string): MarkdownLink | undefined {
  if (!raw.startsWith('[') || !raw.includes('](') || markupHeavy(raw) !== undefined) return undefined
  const [block, ...others] = parseMarkdown(raw).children
  const link = block?.type === 'paragraph' && others.length === 0 ? block.children[0] : undefined
  const end = link?.position?.end.offset
  if (link?.type !== 'link' || link.position?.start.offset !== 0 || end === undefined) return undefined
  // The label ends at its last child (escapes included); its `](` follows.
  const open = raw.indexOf('](', link.children.at(-1)?.position?.end.offset ?? 1)
  if (open === -1) return undefined
  let destination = open + 2
  while (raw[destination] === ' ' || raw[destination] === '\t') destination++
  let destinationEnd = destination
  if (raw[destination] === '<') {
    while (destinationEnd < end && raw[++destinationEnd] !== '>') if (raw[destinationEnd] === '\\') destinationEnd++
    destinationEnd++
  } else {
    // A bare destination holds no whitespace: it ends at a title or at the link's `)`.
    while (destinationEnd < end - 1 && !/\s/.test(raw[destinationEnd] ?? ' ')) destinationEnd++
  }
  return {url: link.url, label: toString(link), destination, destinationEnd: Math.min(destinationEnd, end), end}
}

/** The part from `start` to `end` of a one-line position. */
function within(position: Position, start: number, end: number): Position {
  const at = (point: Position['start'], delta: number) =>
    point.offset === undefined ? {line: point.line, column: point.column + delta} : {line: point.line, column: point.column + delta, offset: point.offset + delta}
  return {start: at(position.start, start), end: at(position.start, end)}
}

function urlSource(url: string, raw: string, position: Position, label: string | undefined, rest: string): Extract<Source, {kind: 'url'}> {
  const locator = rest.replace(/^,\s*/, '')
  return {
    kind: 'url',
    url,
    raw,
    position,
    ...(label === undefined ? {} : {label}),
    ...(locator === '' ? {} : {locator})
  }
}

/**
 * The address a defanged URL stands for, or undefined when the defanging is
 * malformed (`mfa dotgov.cn`) and the address cannot be read back. Used only
 * for checking: a defanged source is never rendered as a link.
 */
export function refang(raw: string): string | undefined {
  const locator = locatorPattern.exec(raw)
  const text = locator ? raw.slice(0, locator.index) : raw
  const candidate = text
    .replace(/^h(?:xx|\*\*|__)p(s?)(?:\[:\]|:)/i, 'http$1:')
    .replace(/\[:\/\/\]/g, '://')
    .replace(/\[:\]/g, ':')
    .replace(/\[\.\]|\(\.\)|\{\.\}|\[dot\]|\(dot\)/gi, '.')
    .replace(/ dot /gi, '.')
  if (/\s/.test(candidate)) return undefined
  // `example[.]com/x` is defanged without a scheme: it stands for https://example.com/x.
  const absolute = /^[a-z][a-z0-9+.-]*:/i.test(candidate) ? candidate : `https://${candidate}`
  try {
    const url = new URL(absolute)
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined
    return absolute
  } catch {
    return undefined
  }
}
