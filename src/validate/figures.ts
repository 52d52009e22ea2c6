// validate/: the rules about one brief's figures (parse/figures.ts): alt
// text that says what the image shows, a caption, and an image that is a
// file of the content folder, linked relatively. Where a path leads is
// decided lexically, from the brief's place in the content folder: whether
// the file exists is link/'s question, asked across the archive.
import type {Figure} from '../ast.js'
import {diagnostic, type Diagnostic} from '../diagnostics/diagnostic.js'
import type {BriefBody} from '../parse/brief.js'
import {placeOf} from '../parse/location.js'
import {protocolOf} from './url.js'

/**
 * A brief's path inside content/ when none is given: directly in
 * content/briefs/. Here, not in brief.ts, because link/ needs it too and a
 * warm check must not load what brief.ts loads (the schemas, zod).
 */
export function defaultContentPath(file: string): string {
  return `briefs/${file.split(/[/\\]/).pop() ?? file}`
}

/** Alt text that names a file, not what it shows: `kinmen.png`, `IMG_2024.jpg`. */
const fileName = /^[^\s/\\]+\.(?:png|jpe?g|gif|webp|avif|svg|tiff?|bmp|heic)$/i
/** Alt text that only says what kind of image it is: `Map`, `the chart.`. */
const genericWord = /^(?:(?:a|an|the)\s+)?(?:image|map|chart|figure|photo|picture|graphic)\.?$/i
/** `https:`, `file:`, `C:` ... (a relative path has no scheme). */
const scheme = /^[a-z][a-z0-9+.-]*:/i
// A host that never resolves: only the path of a resolved URL is looked at.
const origin = 'https://content.invalid'

/** Every figure at the top level of the brief's sections, checked. */
export function checkFigures(body: BriefBody, contentPath: string): Diagnostic[] {
  const out: Diagnostic[] = []
  for (const section of body.sections) {
    for (const node of section.children) if (node.type === 'figure') checkFigure(body.file, node, contentPath, out)
  }
  return out
}

function checkFigure(file: string, figure: Figure, contentPath: string, out: Diagnostic[]): void {
  const place = figure.imagePosition ?? placeOf(figure)
  const alt = figure.alt.trim()
  if (alt === '') out.push(diagnostic(file, 'figure/missing-alt', place))
  else if (fileName.test(alt)) out.push(diagnostic(file, 'figure/poor-alt', place, {alt, kind: 'file-name'}))
  else if (genericWord.test(alt)) out.push(diagnostic(file, 'figure/poor-alt', place, {alt, kind: 'generic'}))
  if ((figure.caption ?? '').trim() === '') out.push(diagnostic(file, 'figure/missing-caption', place))
  const where = placeOfImage(figure.url, contentPath)
  if (where === 'remote') out.push(diagnostic(file, 'figure/remote', place, {url: figure.url}))
  else if (where === 'outside') out.push(diagnostic(file, 'figure/outside-content', place, {url: figure.url}))
}

/**
 * Where a figure's address leads: a remote site, outside the content
 * folder, into it (with the file's path inside it), or 'other' (an empty or
 * unparsable address, or a scheme such as `javascript:`: the rules about
 * links report those, validate/brief.ts's checkUrl).
 */
export type ImagePlace = 'remote' | 'outside' | 'other' | {readonly inside: string}

/**
 * Resolved as a browser resolves it against the brief's own address
 * (`contentPath`, the brief's path inside the content folder), so `..`,
 * `%2e%2e` and backslashes count as they would there; an absolute path, a
 * drive letter or `file:` leaves the content folder whatever it names.
 */
export function placeOfImage(url: string, contentPath: string): ImagePlace {
  const address = url.trim()
  if (address === '') return 'other'
  if (/^[a-z]:/i.test(address) || /^file:/i.test(address)) return 'outside'
  const protocol = protocolOf(address)
  if (protocol === undefined) return 'other'
  if (scheme.test(address) || address.startsWith('//') || address.startsWith('\\\\')) {
    return protocol === 'http:' || protocol === 'https:' ? 'remote' : 'other'
  }
  if (address.startsWith('/') || address.startsWith('\\')) return 'outside'
  const base = `${origin}/content/${contentPath.split('/').map(encodeURIComponent).join('/')}`
  let resolved: URL
  try {
    resolved = new URL(address, base)
  } catch {
    return 'other'
  }
  if (resolved.origin !== origin || !resolved.pathname.startsWith('/content/')) return 'outside'
  const inside = resolved.pathname.slice('/content/'.length)
  try {
    return {inside: decodeURIComponent(inside)}
  } catch {
    return {inside}
  }
}
