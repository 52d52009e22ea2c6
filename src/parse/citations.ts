// parse/: the citations in a brief's prose. Every `[^N]` in a text node
// becomes a citation node numbered by its note and its use, or a
// diagnostic when it names no note; escaped ones (`\[^1]`) stay text.
import type {Parent, RootContent, Text} from 'mdast'
import type {Position} from 'unist'
import type {Citation, Note} from '../ast.js'
import {diagnostic, type Diagnostic} from '../diagnostics/diagnostic.js'
import {placeOf, type Locator} from './location.js'

// At most nine digits: a note number, never a count the checker could be made to walk up to.
export const positiveInteger = /^[1-9]\d{0,8}$/

export interface CitationContext {
  file: string
  /** The whole file's text: positions are offsets into it. */
  value: string
  loc: Locator
  notes: ReadonlyMap<number, Note>
  diagnostics: Diagnostic[]
  /** Called for each citation found, in order; returns its use (1 for the note's first citation). */
  onCitation(number: number, position: Position): number
}

/** `[^12]`, not preceded by a backslash. */
const citationPattern = /(?<!\\)\[\^([^\]\s]*)\]/g
/** The same in the source text, where the closing bracket may be escaped (`[^1\]`). */
const rawCitationPattern = /(?<!\\)\[\^([^\]\s\\]*)\\?\]/g

/** Turn every `[^N]` in text into a citation node; report those that name no note. */
export function resolveCitations(parent: Parent, context: CitationContext): void {
  let changed = false
  const out: RootContent[] = []
  for (const child of parent.children) {
    if (child.type === 'text' && child.value.includes('[^')) {
      const parts = splitCitations(child, context)
      if (parts) {
        out.push(...parts)
        changed = true
        continue
      }
    } else if ('children' in child) {
      resolveCitations(child, context)
    }
    out.push(child)
  }
  if (changed) parent.children = out
}

function splitCitations(node: Text, context: CitationContext): RootContent[] | undefined {
  const start = node.position?.start.offset
  const end = node.position?.end.offset
  // Offsets within the node are file offsets only when the text was written
  // literally (no escapes or character references); otherwise positions fall back to the node's.
  const literal = start !== undefined && end !== undefined && context.value.slice(start, end) === node.value
  const out: RootContent[] = []
  let last = 0
  const raw = start !== undefined && end !== undefined ? context.value.slice(start, end) : node.value
  // Written escaped (`\[^1]`), a label is text: the raw source shows no
  // unescaped form of it. Found in one pass (a search per citation was
  // quadratic in a long run of escaped ones).
  const unescaped = literal ? undefined : new Set(Array.from(raw.matchAll(rawCitationPattern), (m) => m[1] ?? ''))
  for (const match of node.value.matchAll(citationPattern)) {
    const label = match[1] ?? ''
    if (unescaped !== undefined && !unescaped.has(label)) continue
    const place =
      literal && start !== undefined ? context.loc.range(start + match.index, start + match.index + match[0].length) : placeOf(node)
    const number = Number(label)
    if (!positiveInteger.test(label)) {
      context.diagnostics.push(diagnostic(context.file, 'citation/invalid-label', place, {label}))
      continue
    }
    if (!context.notes.has(number)) {
      context.diagnostics.push(diagnostic(context.file, 'citation/undefined', place, {label}))
      continue
    }
    if (match.index > last) out.push({type: 'text', value: node.value.slice(last, match.index)})
    const citation: Citation = {type: 'citation', number, use: context.onCitation(number, place), position: place}
    out.push(citation)
    last = match.index + match[0].length
  }
  if (out.length === 0) return undefined
  if (last < node.value.length) out.push({type: 'text', value: node.value.slice(last)})
  return out
}
