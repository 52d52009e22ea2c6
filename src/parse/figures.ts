// parse/: figures. A paragraph of a region section that holds one image and
// nothing else, or one image and a credit line under it (`Map: ...`, after a
// soft line break), becomes a `figure` node in its place; any other text
// makes it an ordinary paragraph with an inline image. Runs after the
// citations are resolved, so a citation in a credit line is counted like
// any other. What a figure may link to, and its alt text, are validate/'s.
import type {Image, Paragraph, PhrasingContent, RootContent, Text} from 'mdast'
import type {Figure, RegionSection} from '../ast.js'
import type {Locator} from './location.js'

/** The words a credit line may start with, before its colon (any case). */
export const creditLabels = ['map', 'chart', 'figure', 'photo', 'image', 'source', 'credit', 'data'] as const

const creditPattern = new RegExp(`^(?:${creditLabels.join('|')}):`, 'i')
/** The line ending (and the spaces around it) between the image and its credit line. */
const lineEnding = /^[ \t]*\r?\n[ \t]*/

export interface FigureContext {
  /** The whole file's text: positions are offsets into it. */
  readonly value: string
  readonly loc: Locator
}

/** Replace each figure paragraph at the top level of `section` with a figure node. */
export function readFigures(section: RegionSection, context: FigureContext): void {
  section.children = section.children.map((child): RootContent => (child.type === 'paragraph' ? (figureOf(child, context) ?? child) : child))
}

/** The figure a paragraph is, or undefined when it is prose. */
export function figureOf(paragraph: Paragraph, context: FigureContext): Figure | undefined {
  const [image, first, ...rest] = paragraph.children
  if (image?.type !== 'image') return undefined
  const figure = figureNode(image, paragraph)
  if (first === undefined) return figure
  if (first.type !== 'text') return undefined
  const separator = lineEnding.exec(first.value)
  if (!separator) return undefined
  const lead = first.value.slice(separator[0].length)
  if (!creditPattern.test(lead)) return undefined
  const credit = creditContent(lead, rest, first, context)
  // One line, with something after the label: a second line, or a bare `Map:`, is prose.
  const shown = phrasingText(credit)
  if (shown.includes('\n') || shown.replace(creditPattern, '').trim() === '' || rest.some((node) => node.type === 'break')) return undefined
  figure.credit = credit
  const start = credit[0]?.position?.start
  const end = paragraph.position?.end
  if (start && end) figure.creditPosition = {start, end}
  return figure
}

function figureNode(image: Image, paragraph: Paragraph): Figure {
  const figure: Figure = {type: 'figure', url: image.url, alt: image.alt ?? ''}
  // Kept as written (an empty title too), so the paragraph renders as it did; validate/ reports a blank one.
  if (image.title !== null && image.title !== undefined) figure.caption = image.title
  if (image.position) figure.imagePosition = image.position
  if (paragraph.position) figure.position = paragraph.position
  return figure
}

/** The credit line's content: its first text node without the line ending, positioned where the line starts. */
function creditContent(lead: string, rest: PhrasingContent[], first: Text, context: FigureContext): PhrasingContent[] {
  const head: Text = {type: 'text', value: lead}
  const start = first.position?.start.offset
  const end = first.position?.end.offset
  if (start !== undefined && end !== undefined) {
    // The text's value drops the continuation line's indent; the file's text does not.
    const raw = context.value.slice(start, end)
    const skipped = lineEnding.exec(raw)?.[0].length ?? 0
    head.position = context.loc.range(start + skipped, end)
  }
  return [head, ...rest]
}

/** The text of inline content, line endings included (to tell a one-line credit). */
function phrasingText(nodes: readonly PhrasingContent[]): string {
  let out = ''
  for (const node of nodes) {
    if ('value' in node && typeof node.value === 'string') out += node.value
    else if ('children' in node) out += phrasingText(node.children)
  }
  return out
}
