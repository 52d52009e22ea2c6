// Reading a note's sources from the text the analyst wrote: one source per
// line, each a URL, a defanged URL (deliberately not a link), or plain text.
// Classification is by shape only; validate/ decides what is wrong with it.
import type {Position} from 'unist'
import type {Source} from '../ast.js'

/** `https://a.gov/report.pdf, p.3`: a page locator after the URL. */
const locatorPattern = /,\s*((?:pp?\.|pages?|para\.?|§)\s*[\w\-–, ]+)$/i
const schemePattern = /^([a-z][a-z0-9+.-]*):/i
const markdownLink = /^\[([^\]]+)\]\(<?([^()<>\s]+)>?\)(.*)$/
const angleLink = /^<([^<>\s]+)>(.*)$/
/** Defanging that can appear anywhere: hxxp(s), `[.]`, `(.)`, `{.}`, `[dot]`, `[:]`. */
const defangMarks = /^h(?:xx|\*\*|__)ps?(?:\[:\]|:)|\[\.\]|\(\.\)|\{\.\}|\[dot\]|\(dot\)|\[:\]|\[:\/\/\]/i
/** ` dot ` counts only after a scheme, so "the dot com era" stays text; `dotgov` is a malformed try. */
const spelledDot = /^https?:\/\/\S*(?:\sdot\s|\sdot(?=[a-z])|(?<=[a-z])dot\s)/i

/** Classify one line of a note (already trimmed). */
export function classifySource(raw: string, position: Position): Source {
  const link = markdownLink.exec(raw)
  if (link) return urlSource(link[2] ?? '', raw, position, link[1], (link[3] ?? '').trim())
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

function urlSource(url: string, raw: string, position: Position, label: string | undefined, rest: string): Source {
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
