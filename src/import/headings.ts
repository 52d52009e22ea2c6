// import/: which lines of the plain text are headings. A line that is a
// region's name or alias (regions.yml) opens a region section; a line that is
// exactly a group's name is dropped, because the renderer shows groups above
// their regions; other short, title-like lines are topics within a region.
import {closest} from '../diagnostics/suggest.js'
import type {Region} from '../parse/schema.js'

export type HeadingKind =
  | {kind: 'region'}
  | {kind: 'group'}
  /** Nearly a region's name: most likely a misspelt region heading. */
  | {kind: 'near-region'; suggestion: string}
  | {kind: 'topic'}
  | {kind: 'prose'}

export interface Vocabulary {
  readonly regions: ReadonlySet<string>
  readonly groups: ReadonlySet<string>
  readonly names: readonly string[]
}

/** Compared as parse/ compares `##` headings with region names: whitespace collapsed, any case. */
export function key(text: string): string {
  return text.replace(/\s+/g, ' ').trim().toLowerCase()
}

export function vocabulary(regions: readonly Region[]): Vocabulary {
  const names = regions.flatMap((region) => [region.name, ...region.aliases])
  return {
    regions: new Set(names.map(key)),
    groups: new Set(regions.flatMap((region) => (region.group === undefined ? [] : [key(region.group)]))),
    names
  }
}

/** Headings are short: a line longer than this is a paragraph however it ends. */
const maxWords = 12
const maxLength = 100

export function classifyLine(text: string, vocab: Vocabulary): HeadingKind {
  const k = key(text)
  if (vocab.regions.has(k)) return {kind: 'region'}
  if (vocab.groups.has(k)) return {kind: 'group'}
  if (!looksLikeHeading(text)) return {kind: 'prose'}
  // Short lines ("ROC", "EU") are too close to everything to guess from.
  if (k.length >= 5) {
    const suggestion = closest(text, vocab.names)
    if (suggestion !== undefined) return {kind: 'near-region', suggestion}
  }
  return {kind: 'topic'}
}

/**
 * A heading line: short, starts like a title (a capital letter or a digit,
 * perhaps after a quote mark), has no citation and does not end like a
 * sentence. Paragraphs of a brief always end with a full stop or a citation.
 */
export function looksLikeHeading(text: string): boolean {
  if (text.length > maxLength || text.split(/\s+/).length > maxWords) return false
  if (/\[\s*\d+/.test(text)) return false
  if (!/^["“‘'(]?[\p{Lu}\p{N}]/u.test(text)) return false
  const end = text.replace(/["”’')\]]+$/, '')
  return !/[.!?:;,]$/.test(end)
}
