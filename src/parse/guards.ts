// parse/: the guards that refuse a brief before it can exhaust the parser.
// micromark slows down with the square of some markup and every later stage
// walks the tree recursively, so text nested too deeply or packed with
// markup is measured here, cheaply and without recursion, and refused with
// a diagnostic instead of taking minutes or overflowing the stack.
import type {Nodes, Root} from 'mdast'

/**
 * Deepest nesting of Markdown (quotes in lists in emphasis ...) that is
 * checked and rendered: real briefs nest a few levels, and every later stage
 * walks the tree recursively, so a deeper tree is refused, not a stack overflow.
 */
export const maxNesting = 100

/**
 * Most markup in one paragraph. micromark slows down with the square of
 * some of it: 8,000 `[a]` in a paragraph took a second, 40,000 `\\[` two
 * (it merges the text between markers one splice at a time), and a 2 MiB
 * brief of either would take hours. Real paragraphs hold a handful of
 * each; these limits leave room for a dense list of links and a page of
 * emphasis, and bound the worst brief to seconds.
 */
export const markupLimits = Object.freeze({
  /** Square brackets that could open a link, an image or a reference (not `\\[`, not citations `[^n]`). */
  brackets: 200,
  /** Characters that start inline markup: `[ \\ * _ \` < &`. */
  markers: 1000
})

/**
 * Offset where a line's container prefix (block quotes, list markers, and
 * indentation at four columns a level) first nests past `limit`, if any line's does.
 */
export function deepPrefix(text: string, limit: number): number | undefined {
  for (let start = 0; start < text.length; ) {
    let i = start
    let levels = 0
    let indent = 0
    let crossed: number | undefined
    for (;;) {
      const c = text[i]
      let width = 1
      if (c === ' ') indent++
      else if (c === '\t') indent += 4
      else if (c === '>') levels++
      else if ((c === '-' || c === '*' || c === '+') && (text[i + 1] === ' ' || text[i + 1] === '\t')) {
        levels++
        width = 2 // the space a list marker needs is not indentation
      } else {
        const marker = /^\d{1,9}[.)][ \t]/.exec(text.slice(i, i + 12))
        if (!marker) break
        levels++
        width = marker[0].length
      }
      if (crossed === undefined && levels + Math.floor(indent / 4) > limit) crossed = i
      i += width
    }
    // Blank lines (the blanked-out frontmatter among them) nest nothing, and
    // a line of spaced dashes or stars is a thematic break; but markers with
    // nothing after them still nest (`> > > ...` alone made micromark quadratic).
    const c = text[i]
    const rest = c === undefined || c === '\n' || c === '\r'
    if (crossed !== undefined && (!rest || (levels > 0 && !isThematicBreak(text, start, i)))) return crossed
    const end = text.indexOf('\n', i)
    if (end === -1) break
    start = end + 1
  }
  return undefined
}

/** The offset of the first bracket or marker past its limit in one run of non-blank lines, if any. */
export function markupHeavy(text: string): number | undefined {
  let brackets = 0
  let markers = 0
  let blank = true
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c === 10 || c === 13) {
      if (blank) brackets = markers = 0
      blank = true
      continue
    }
    if (c !== 32 && c !== 9) blank = false
    if (c === 91 /* [ */ || c === 92 /* \\ */ || c === 42 /* * */ || c === 95 /* _ */ || c === 96 /* ` */ || c === 60 /* < */ || c === 38 /* & */) {
      if (++markers > markupLimits.markers) return i
      // `\\[` is text, and `[^n]` a citation: neither opens anything.
      if (c === 91 && text.charCodeAt(i - 1) !== 92 && text.charCodeAt(i + 1) !== 94 && ++brackets > markupLimits.brackets) return i
    }
  }
  return undefined
}

/** Whether the line from `start` to `end` is only `-`, `*` or `_` (three or more, one kind) and spaces: a thematic break. */
function isThematicBreak(text: string, start: number, end: number): boolean {
  return /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/.test(text.slice(start, end))
}

/** The deepest node of a tree, found without recursion; stops early past `limit`. */
export function deepest(tree: Root, limit: number): {depth: number; node: Nodes} {
  let found: {depth: number; node: Nodes} = {depth: 0, node: tree}
  const stack: {node: Nodes; depth: number}[] = [{node: tree, depth: 0}]
  for (let top = stack.pop(); top; top = stack.pop()) {
    if (top.depth > found.depth) found = top
    if (found.depth > limit) break
    if ('children' in top.node) for (const child of top.node.children) stack.push({node: child, depth: top.depth + 1})
  }
  return found
}
