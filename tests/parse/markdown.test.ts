// parseMarkdown on small documents: the exact tree of plain prose (built by
// the fast path), what sends a block or the whole document to remark-parse,
// and the corners of remark-parse's output the fast path has to reproduce.
// The broad proof is tests/parse/fast-markdown.test.ts.
import type {Root} from 'mdast'
import {describe, expect, it} from 'vitest'
import {emptyStats, parseFast} from '../../src/parse/fast-markdown.js'
import {parseMarkdown, parseMarkdownReference} from '../../src/parse/markdown.js'

/** The tree with each position written `line:column:offset-line:column:offset`. */
function compact(tree: Root): unknown {
  return JSON.parse(
    JSON.stringify(tree, (key, value: unknown) => {
      if (key !== 'position' || typeof value !== 'object' || value === null) return value
      const {start, end} = value as {start: {line: number; column: number; offset: number}; end: {line: number; column: number; offset: number}}
      return `${start.line}:${start.column}:${start.offset}-${end.line}:${end.column}:${end.offset}`
    })
  )
}

/** parseMarkdown's tree, checked against remark-parse's byte for byte. */
function parsed(value: string): Root {
  const tree = parseMarkdown(value)
  expect(JSON.stringify(tree)).toBe(JSON.stringify(parseMarkdownReference(value)))
  return tree
}

/** Which path parseFast took: 'document' (all remark-parse), 'block' (some block by remark-parse) or 'fast'. */
function path(value: string): 'document' | 'block' | 'fast' {
  const stats = emptyStats()
  parseFast(value, parseMarkdownReference, {stats})
  return stats.fallbackDocuments > 0 ? 'document' : stats.fallbackBlocks > 0 ? 'block' : 'fast'
}

describe('parseMarkdown', () => {
  it('builds headings, paragraphs, citations and emphasis on the fast path', () => {
    const value = '\n## Taiwan\n\nThe *coast* guard.[^1][^2]\nSecond line.\n'
    expect(path(value)).toBe('fast')
    expect(compact(parsed(value))).toEqual({
      type: 'root',
      children: [
        {type: 'heading', depth: 2, children: [{type: 'text', value: 'Taiwan', position: '2:4:4-2:10:10'}], position: '2:1:1-2:10:10'},
        {
          type: 'paragraph',
          children: [
            {type: 'text', value: 'The ', position: '4:1:12-4:5:16'},
            {type: 'emphasis', children: [{type: 'text', value: 'coast', position: '4:6:17-4:11:22'}], position: '4:5:16-4:12:23'},
            {type: 'text', value: ' guard.[^1][^2]\nSecond line.', position: '4:12:23-5:13:51'}
          ],
          position: '4:1:12-5:13:51'
        }
      ],
      // The root ends at the end of the text, blank lines and all.
      position: '1:1:0-6:1:52'
    })
  })

  it('keeps CRLF and CR line endings in the text, as remark-parse does', () => {
    expect(path('a\r\nb\rc')).toBe('fast')
    expect(compact(parsed('a\r\nb\rc'))).toMatchObject({children: [{children: [{value: 'a\r\nb\rc', position: '1:1:0-3:2:6'}]}]})
  })

  it('reads the prose of a brief, with frontmatter and notes blanked out, on the fast path', () => {
    const value = '   \n         \n   \n\n## China\n\nText.[^1]\n\n               \n'
    expect(path(value)).toBe('fast')
    parsed(value)
  })

  it('parses a block it cannot prove alone with remark-parse, moved to its place', () => {
    const value = '## China\n\nA [link](https://example.org) and `code`\nand **strong**.\n\nAfter.[^2]\n'
    expect(path(value)).toBe('block')
    const tree = parsed(value)
    expect(tree.children.map((node) => node.position?.start)).toEqual([
      {line: 1, column: 1, offset: 0},
      {line: 3, column: 1, offset: 10},
      {line: 6, column: 1, offset: 68}
    ])
  })

  it.each([
    ['a list', 'Text.\n\n- item\n'],
    ['an ordered list', 'Text.\n\n1. item\n'],
    ['an indented line', 'Text.\n\n    code\n'],
    ['a fence', 'Text.\n\n```\n\nText.\n```\n'],
    ['a block quote', '> quote\n'],
    ['an HTML block', '<div>\n\n*x*\n\n</div>\n'],
    ['a link reference definition', 'See [x].\n\n[x]: https://example.org\n'],
    ['a thematic break', 'Text.\n\n***\n'],
    ['a setext underline', 'Title\n===\n'],
    ['a byte order mark', '\uFEFFText.\n']
  ])('gives the whole document to remark-parse when it has %s', (_, value) => {
    expect(path(value)).toBe('document')
    parsed(value)
  })

  it.each([
    ['a citation before `(`, which makes a link', 'See [^1](x).'],
    ['a citation before `:`', 'See [^1]: x.'],
    ['a bracket that is no citation', 'See [^x].'],
    ['strong emphasis', 'A **strong** word.'],
    ['emphasis that may not close', 'A *word * here.'],
    ['`_` emphasis', 'A _word_ here.'],
    ['an escape', 'A \\*word\\* here.'],
    ['a character reference', 'R&amp;D'],
    ['trailing spaces (a hard break)', 'Line  \nbreak.'],
    ['a tab', 'A\ttab.'],
    ['an image', 'An ![image](x).'],
    ['an ATX heading with a closing sequence', '## Title ##'],
    ['a NUL (micromark reads U+FFFD)', 'A\u0000b.']
  ])('gives one block to remark-parse when it has %s', (_, value) => {
    expect(path(`## Region\n\n${value}\n\nAfter.`)).toBe('block')
    parsed(`## Region\n\n${value}\n\nAfter.`)
  })

  it('gives the whole document to remark-parse when parsing its blocks one by one would cost more', () => {
    // Each call of remark-parse has a fixed cost (about 2 KB of prose).
    expect(path('A `code` span.\n\nAnother `code` span.\n\nPlain.\n')).toBe('document')
    expect(path(`A \`code\` span.\n\n${'Plain prose.\n'.repeat(300)}`)).toBe('block')
  })

  it('takes adjacent citations as text: no definition exists for a reference to use', () => {
    expect(path('Text.[^5][^6] More.')).toBe('fast')
    expect(compact(parsed('Text.[^5][^6] More.'))).toMatchObject({children: [{children: [{type: 'text', value: 'Text.[^5][^6] More.'}]}]})
  })

  it('matches remark-parse where its output surprises', () => {
    // A byte order mark is skipped, and offsets do not count it.
    expect(compact(parsed('\uFEFFa'))).toMatchObject({children: [{children: [{value: 'a', position: '1:1:0-1:2:1'}]}]})
    // U+FEFF elsewhere is text.
    expect(compact(parsed('a\n\n\uFEFFb'))).toMatchObject({children: [{}, {children: [{value: '\uFEFFb', position: '3:1:3-3:3:5'}]}]})
    // A trailing space is in the paragraph's position but not in its text.
    expect(compact(parsed('a \n'))).toMatchObject({children: [{position: '1:1:0-1:3:2', children: [{value: 'a', position: '1:1:0-1:2:1'}]}]})
    // NUL is read as U+FFFD.
    expect(compact(parsed('a\u0000b'))).toMatchObject({children: [{children: [{value: 'a\uFFFDb'}]}]})
    // `*x*y` is emphasis then text: `*` emphasis may close inside a word.
    expect(compact(parsed('*x*y'))).toMatchObject({children: [{children: [{type: 'emphasis'}, {type: 'text', value: 'y'}]}]})
  })
})
