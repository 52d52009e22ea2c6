// Splitting a brief into frontmatter and body without losing positions.
// The frontmatter is only ever YAML: `---js` and other engines that run code
// are refused (which is why this is not gray-matter, whose default `js`
// engine evaluates the block).
import type {Position} from 'unist'

export type Split =
  | {kind: 'none'}
  | {kind: 'unclosed'; open: Position}
  | {kind: 'engine'; engine: string; open: Position}
  | {
      kind: 'yaml'
      /** The YAML text between the fences. */
      yaml: string
      /** Lines before the YAML (the opening fence): 1. */
      lineOffset: number
      open: Position
      /** The body with the frontmatter blanked out: same length, same lines, so body positions are file positions. */
      body: string
    }

// An engine name starts with a letter: `----` is a thematic break, not "---" with an engine "-".
const fence = /^---[ \t]*([A-Za-z][A-Za-z0-9_-]*)?[ \t]*\r?$/

export function splitFrontmatter(value: string): Split {
  const firstEnd = value.indexOf('\n')
  const firstLine = firstEnd === -1 ? value : value.slice(0, firstEnd)
  const opening = fence.exec(firstLine)
  if (!opening) return {kind: 'none'}
  const open: Position = {start: {line: 1, column: 1, offset: 0}, end: {line: 1, column: firstLine.length + 1, offset: firstLine.length}}
  const engine = opening[1] ?? ''
  if (engine !== '' && engine.toLowerCase() !== 'yaml' && engine.toLowerCase() !== 'yml') return {kind: 'engine', engine, open}
  if (firstEnd === -1) return {kind: 'unclosed', open}

  // Find the closing `---` (or YAML's `...`) on a line of its own.
  let start = firstEnd + 1
  while (start <= value.length) {
    let end = value.indexOf('\n', start)
    if (end === -1) end = value.length
    const line = value.slice(start, end).replace(/\r$/, '')
    if (/^(---|\.\.\.)[ \t]*$/.test(line)) {
      const yaml = value.slice(firstEnd + 1, start)
      const body = value.slice(0, end).replace(/[^\r\n]/g, ' ') + value.slice(end)
      return {kind: 'yaml', yaml, lineOffset: 1, open, body}
    }
    if (end === value.length) break
    start = end + 1
  }
  return {kind: 'unclosed', open}
}
