// The proof of parse/fast-markdown.ts: parseMarkdown (fast path, with
// remark-parse for what it does not take) gives exactly remark-parse's tree,
// compared as JSON (positions and key order included), on every sample brief
// and fixture, on 100 synthetic bench briefs, and on generated Markdown made
// of plain and tricky pieces. Each corpus also asserts that the fast path was
// taken, so that a fast path falling back on everything cannot pass.
//
// Seeds: random by default; FC_SEED=<n> replays a run, FC_RUNS=<n> changes
// the number of runs of each property.
import {readdir, readFile} from 'node:fs/promises'
import path from 'node:path'
import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {brief} from '../../bench/generate.js'
import {emptyStats, parseFast, type FastPathStats} from '../../src/parse/fast-markdown.js'
import {splitFrontmatter} from '../../src/parse/frontmatter.js'
import {parseMarkdownReference} from '../../src/parse/markdown.js'
import {scanNotes} from '../../src/parse/notes.js'

const seed = process.env.FC_SEED === undefined ? undefined : Number(process.env.FC_SEED)
const numRuns = process.env.FC_RUNS === undefined ? 2000 : Number(process.env.FC_RUNS)
const root = path.resolve(import.meta.dirname, '../..')

/**
 * parseMarkdown gives remark-parse's tree, byte for byte once serialised
 * (parseMarkdown is parseFast, else remark-parse); counts the fast path in
 * `stats`. A `referenceCallCost` of 0 parses every unproven block alone
 * rather than the whole document, to put the moving of positions to the test.
 */
function expectSame(value: string, stats: FastPathStats, referenceCallCost?: number): void {
  const fast = parseFast(value, parseMarkdownReference, {stats, referenceCallCost})
  if (fast !== undefined) expect(JSON.stringify(fast)).toBe(JSON.stringify(parseMarkdownReference(value)))
}

/** What parseBody hands parseMarkdown: the frontmatter and the notes blanked out. */
function proseOf(text: string): string {
  const value = text.startsWith('\uFEFF') ? text.slice(1) : text
  const split = splitFrontmatter(value)
  return scanNotes(split.kind === 'yaml' ? split.body : value).prose
}

/** Each text as written, as parseBody sees it, and with CRLF line endings. */
function variants(text: string): string[] {
  const prose = proseOf(text)
  return [text, prose, prose.replace(/\r?\n/g, '\r\n')]
}

async function markdownFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, {recursive: true, withFileTypes: true})
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.md'))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort()
}

describe('parseMarkdown equals remark-parse', () => {
  it('on every sample brief in content/briefs', async () => {
    const files = await markdownFiles(path.join(root, 'content/briefs'))
    expect(files.length).toBeGreaterThan(0)
    const stats = emptyStats()
    for (const file of files) for (const value of variants(await readFile(file, 'utf8'))) expectSame(value, stats, 0)
    // The prose of every sample brief takes the fast path.
    expect(stats.documents - stats.fallbackDocuments).toBeGreaterThanOrEqual(2 * files.length)
  })

  it('on every Markdown fixture in tests/fixtures', async () => {
    const files = await markdownFiles(path.join(root, 'tests/fixtures'))
    expect(files.length).toBeGreaterThan(0)
    const stats = emptyStats()
    for (const file of files) for (const value of variants(await readFile(file, 'utf8'))) expectSame(value, stats, 0)
    expect(stats.documents).toBeGreaterThan(stats.fallbackDocuments)
  })

  it('on 100 synthetic bench briefs, nearly all of them on the fast path', () => {
    const stats = emptyStats()
    // 100 keep this test to a few seconds; the property tests below cover the odd shapes.
    for (let i = 0; i < 100; i++) {
      const prose = proseOf(brief(i).text)
      expectSame(prose, stats)
      // CRLF changes every offset after the first line: a sample of it suffices.
      if (i % 5 === 0) expectSame(prose.replace(/\n/g, '\r\n'), stats)
    }
    expect(stats.fallbackDocuments).toBe(0)
    expect(stats.fallbackBlocks / stats.blocks).toBeLessThan(0.01)
  })
})

// Generated Markdown. Plain pieces keep a document on the fast path; tricky
// ones make a block or the whole document fall back, or tempt the fast path
// into a wrong tree (`*x*y`, `[^1]` before `(`, trailing spaces ...).
const plainPieces = [
  'coast', 'guard', 'Taiwan', 'PRC', 'a', 'x', 'y', '1', '2024', '1.5', '3)', 'É', 'über', 'Łódź', '中文', '台灣', '😀', 'ǅ', '²',
  '\u00a0', '\u2028', '\u3000', '\ufeff', '\u00ad', '-', '—', '.', ',', ';', ':', '(', ')', '"', "'", '%', '$', '/', '?', '+', '=', '#',
  '##', '|', '~', '^', '{', '}', '@', 'é'.normalize('NFD'),
  '*x*', '*Coast*', '*é*', '*ǅ*', '*x y*', '*a.b*', '*x*y', 'y*x*', '*a*b*c*', '(*x*)', '*x*.', 'ü*x*ü',
  '[^1]', '[^12]', '[^1][^2]', '[^3].', '[^123456789]', '!'
]
const trickyPieces = [
  '*', '**', '**x**', '*x', 'x*', '* x*', '*x *', '*.x*', '*x.*', '*😀*', '*\u00a0x*', '***x***', '*x**y*', '**x*', '*[^1]*', '*x[^1]*',
  '_', '_x_', 'snake_case', '__x__', '[^1](x)', '[^1][x]', '[^1]:', '[^1]: x', '[^x]', '[^]', '[^1234567890]', '[x]', '[x](y)', '[]', ']', '[',
  '![x](y)', '![^1]', '!', '\\', '\\*', '\\[^1]', '&amp;', '&', '&#35;', '<b>', '<http://a.b>', '<a@b.c>', '`c`', '``', '~~x~~', '\t', '\u0000',
  '\u000b', '\f', '>', '<'
]
const plainPrefixes = ['', '', '', '', '#', '# ', '## ', '### ', '###### ', '####### ', '#x', '#  ', '2024 ', '1.5 ', '+x', '-x', '*x* ', '=x', '_x']
const trickyPrefixes = [
  ' ', '   ', '    ', '\t', '- ', '* ', '+ ', '-', '+', '*', '1. ', '2) ', '1.', '1234567890. ', '> ', '>', '[x]: /u', '[^1]: http://x',
  '```', '~~~', '<div>', '<!-- c -->', '---', '===', '***', '___', '- - -', '| a |', '#\t', '##', '\u00a0', '\f', '\ufeff'
]
const plainSuffixes = ['', '', '', '', '.', '#x']
const trickySuffixes = [' ', '  ', '\t', '\\', '#', ' #', ' ##  ', ' \\']
const lineEndings = ['\n', '\n', '\n', '\r\n', '\r']
const blankLines = ['', '', ' ', '    ', '\t']

const line = (pieces: string[], prefixes: string[], suffixes: string[]) =>
  fc
    .tuple(fc.constantFrom(...prefixes), fc.array(fc.constantFrom(...pieces), {minLength: 1, maxLength: 10}), fc.array(fc.constantFrom(' ', ''), {minLength: 10, maxLength: 10}), fc.constantFrom(...suffixes))
    .map(([prefix, words, joins, suffix]) => prefix + words.map((word, i) => (i === 0 ? word : (joins[i] ?? ' ') + word)).join('') + suffix)

/** A document: lines (some blank) joined by mixed line endings, maybe a final line ending and leading blank lines. */
function document(lineArbitrary: fc.Arbitrary<string>): fc.Arbitrary<string> {
  const anyLine = fc.oneof({arbitrary: lineArbitrary, weight: 4}, {arbitrary: fc.constantFrom(...blankLines), weight: 1})
  return fc
    .tuple(fc.array(fc.tuple(anyLine, fc.constantFrom(...lineEndings)), {minLength: 1, maxLength: 12}), fc.boolean())
    .map(([lines, final]) => lines.map(([text, ending], i) => text + (i < lines.length - 1 || final ? ending : '')).join(''))
}

const plainDocument = document(line(plainPieces, plainPrefixes, plainSuffixes))
const mixedDocument = document(
  fc.oneof(
    {arbitrary: line(plainPieces, plainPrefixes, plainSuffixes), weight: 6},
    {arbitrary: line([...plainPieces, ...trickyPieces], plainPrefixes, plainSuffixes), weight: 2},
    {arbitrary: line(plainPieces, trickyPrefixes, plainSuffixes), weight: 1},
    {arbitrary: line(plainPieces, plainPrefixes, trickySuffixes), weight: 1}
  )
)

// Character soup: what the pieces above may miss, from the characters the
// fast path decides on (letters weigh most so that some of it stays plain).
const soupUnits = ['a', 'b', 'x', 'é', 'Z', '9', ' ', ' ', '\n', '\n', '\r\n', '\r', '*', '*', '[', ']', '^', '1', '2', '#', '!', '(', ':', '-', '.', '\u00a0', '😀']
const soupDocument = fc
  .array(fc.oneof({arbitrary: fc.constantFrom('a', 'b', 'c', 'ü'), weight: 3}, {arbitrary: fc.constantFrom(...soupUnits), weight: 2}), {maxLength: 60})
  .map((units) => units.join(''))

describe('parseMarkdown equals remark-parse on generated Markdown', () => {
  it('of plain pieces, almost all on the fast path', () => {
    const stats = emptyStats()
    fc.assert(
      fc.property(plainDocument, (value) => {
        expectSame(value, stats, 0)
      }),
      {numRuns, seed}
    )
    expect(stats.documents - stats.fallbackDocuments).toBeGreaterThan(0.5 * stats.documents)
    expect(stats.blocks - stats.fallbackBlocks).toBeGreaterThan(0.5 * stats.blocks)
  })

  it('of plain and tricky pieces, with blocks and documents falling back', () => {
    const stats = emptyStats()
    fc.assert(
      fc.property(mixedDocument, fc.boolean(), (value, bom) => {
        expectSame(bom ? `\uFEFF${value}` : value, stats, 0)
      }),
      {numRuns, seed}
    )
    // Every path is exercised: fast blocks, blocks parsed alone, whole documents.
    expect(stats.fallbackDocuments).toBeGreaterThan(0.1 * stats.documents)
    expect(stats.fallbackBlocks).toBeGreaterThan(0.1 * stats.blocks)
    expect(stats.blocks - stats.fallbackBlocks).toBeGreaterThan(0.1 * stats.blocks)
  })

  it('of character soup', () => {
    const stats = emptyStats()
    fc.assert(
      fc.property(soupDocument, (value) => {
        expectSame(value, stats, 0)
      }),
      {numRuns, seed}
    )
    expect(stats.blocks - stats.fallbackBlocks).toBeGreaterThan(0.2 * stats.blocks)
  })
})
