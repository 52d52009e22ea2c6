// parse/: a brief's takeaways (the frontmatter's list of inline Markdown)
// read into phrasing content and plain text, behind the same guards as the
// body. render/ matches them against paragraphs by their text.
import type {Nodes, PhrasingContent} from 'mdast'
import type {Position} from 'unist'
import {toString} from 'mdast-util-to-string'
import type {Takeaway} from '../ast.js'
import {diagnostic, type Diagnostic} from '../diagnostics/diagnostic.js'
import {deepest, deepPrefix, markupHeavy, markupLimits, maxNesting} from './guards.js'
import {parseMarkdown} from './markdown.js'
import {normaliseText} from './text.js'

/** Every takeaway, or undefined when one was refused (and reported at `placeOf(index)`). */
export function readTakeaways(
  file: string,
  markdowns: readonly string[],
  placeOf: (index: number) => Position,
  diagnostics: Diagnostic[]
): Takeaway[] | undefined {
  const takeaways: Takeaway[] = []
  for (const [index, markdown] of markdowns.entries()) {
    const place = placeOf(index)
    // The same guards as the body's, before the parser sees the text.
    const heavy = markupHeavy(markdown) !== undefined
    const takeaway = !heavy && deepPrefix(markdown, maxNesting) === undefined ? readTakeaway(markdown, place) : undefined
    if (takeaway) takeaways.push(takeaway)
    else if (heavy) diagnostics.push(diagnostic(file, 'body/too-much-markup', place, markupLimits))
    else diagnostics.push(diagnostic(file, 'body/too-deep', place, {limit: maxNesting}))
  }
  return takeaways.length < markdowns.length ? undefined : takeaways
}

/** One takeaway as inline content (blocks joined by spaces), or undefined when it nests too deeply. */
export function readTakeaway(markdown: string, position: Position): Takeaway | undefined {
  const tree = parseMarkdown(markdown)
  if (deepest(tree, maxNesting).depth > maxNesting) return undefined
  const content: PhrasingContent[] = []
  for (const block of tree.children) {
    if (block.type === 'paragraph' || block.type === 'heading') {
      if (content.length > 0) content.push({type: 'text', value: ' '})
      content.push(...block.children)
    } else if (block.type === 'html') {
      // Kept so that check can report it; render never shows raw HTML.
      content.push(block)
    } else {
      // Anything else (a list marker, a quote) is kept as its text, never dropped.
      if (content.length > 0) content.push({type: 'text', value: ' '})
      content.push({type: 'text', value: toString(block)})
    }
  }
  stripPositions(content)
  return {markdown, content, text: normaliseText(toString({type: 'paragraph', children: content})), position}
}

/** A takeaway's positions would be offsets into the YAML string, not the file: it is reported at the takeaway instead. */
function stripPositions(nodes: Nodes[]): void {
  for (const node of nodes) {
    delete node.position
    if ('children' in node) stripPositions(node.children)
  }
}
